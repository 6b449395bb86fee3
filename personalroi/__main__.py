from personalroi.cli import main

main()
