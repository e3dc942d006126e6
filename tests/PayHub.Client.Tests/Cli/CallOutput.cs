using PayHub.Tests.Cli;

namespace PayHub.Client.Tests.Cli;

/// <summary>What <c>payhub call --explain</c> printed, split into its steps (<c>-- name --</c> headings) and the answer.</summary>
public sealed class CallOutput
{
    private readonly Dictionary<string, string> _steps = [];

    public CallOutput(CommandRun run)
    {
        Run = run;
        string? name = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in run.Output.Split('\n'))
        {
            if (line.StartsWith("-- ", StringComparison.Ordinal) && line.EndsWith(" --", StringComparison.Ordinal))
            {
                Close();
                name = line[3..^3];
                text.Clear();
            }
            else
            {
                text.Append(line).Append('\n');
            }
        }

        Close();

        void Close()
        {
            if (name is not null)
            {
                _steps[name] = text.ToString().Trim('\n');
            }
        }
    }

    public CommandRun Run { get; }

    public string Step(string name) => _steps.TryGetValue(name, out var text) ? text : throw new Xunit.Sdk.XunitException($"no step '{name}' in:\n{Run.Output}\n{Run.Error}");

    /// <summary>The bytes shown in a step after its "(N bytes, CHARSET)" line.</summary>
    public string Body(string step)
    {
        var text = Step(step);
        var at = text.IndexOf(" bytes, ", StringComparison.Ordinal);
        return text[(text.IndexOf('\n', at) + 1)..];
    }

    /// <summary>A header's value in the request or response step.</summary>
    public string Header(string step, string name) =>
        Step(step).Split('\n').First(line => line.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))[(name.Length + 2)..];

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PayHub.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("not inside the repository");
    }

    public static string Example(string path) => Path.Combine(RepositoryRoot(), "examples", path);
}
