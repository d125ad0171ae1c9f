using Gaoxin.Bench;

return await Runner.MainAsync(args);
