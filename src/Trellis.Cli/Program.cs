using Trellis.Cli;

return TrellisCli.Run(args, Console.Out, Console.Error);
