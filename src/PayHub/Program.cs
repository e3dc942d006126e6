// payhub: the server and its operator commands (src/PayHub/Cli).
return await PayHub.Cli.PayHubCli.RunAsync(args);

/// <summary>The entry point, named for the test host.</summary>
public partial class Program;
