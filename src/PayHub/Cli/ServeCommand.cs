using System.CommandLine;
using PayHub.Hosting;

namespace PayHub.Cli;

/// <summary><c>payhub serve</c>: the server, with ASP.NET Core's own options (<c>--urls</c>, <c>--Logging:…</c>) passed through.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "Load the demo data of SPEC.md (on a fresh temporary database unless --db is given)" };
        var db = new Option<string?>("--db") { Description = "The database (PayHub:Database): a SQLite file, or a PostgreSQL connection string or postgresql:// URL; created or migrated on start" };
        var serve = new Command("serve", "Start the server (ASP.NET Core options such as --urls pass through)") { demo, db };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, cancellationToken) =>
        {
            // The host's own "Hosting failed to start" entry would repeat, with its stack trace, the one line
            // payhub prints for a failed start; a later --Logging:… argument still sets it back.
            var hostArgs = new List<string> { "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=Critical" };
            hostArgs.AddRange(parse.UnmatchedTokens);
            if (parse.GetValue(demo))
            {
                hostArgs.Add("--PayHub:Demo=true");
            }

            if (ApiDocuments.GeneratingAtBuild)
            {
                // The generator builds the server without disposing it: one demo database for every build, not a temporary folder each.
                hostArgs.AddRange(["--PayHub:Demo=true", "--PayHub:Database=" + Path.Combine(Path.GetTempPath(), "payhub-openapi-build.db")]);
            }

            if (parse.GetValue(db) is { } location)
            {
                hostArgs.Add("--PayHub:Database=" + location);
            }

            await using var app = PayHubServer.Build([.. hostArgs]);
            if (PayHubCli.OwnsProcess)
            {
                PayHubServer.OpenStorage(app.Services); // a bad database, master key or path fails here, before the host starts
            }
            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return serve;
    }
}
