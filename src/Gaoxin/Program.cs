using Gaoxin;

return await Cli.RunAsync(args, Console.Out, Console.Error);
