"""YAML config: loaded once at the boundary into validated pydantic models."""

from personalroi.config.load import load_config
from personalroi.config.model import Config, MetricConfig

__all__ = ["Config", "MetricConfig", "load_config"]
