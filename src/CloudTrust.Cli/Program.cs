using CloudTrust.Cli;

return await CliApplication.RunAsync(args);
