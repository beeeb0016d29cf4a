using TClass.Cli;

return TClassCli.Run(args, CliConsole.System());
