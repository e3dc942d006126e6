using System.Diagnostics;
using System.Text;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Docs;

/// <summary>
/// Every example in the README and docs/ runs as written: for each page, a fresh <c>serve --demo</c> (the real
/// payhub process), then the page's runnable examples in the page's order in one bash session, from a folder
/// that holds the repository's files as the repository root does (so <c>examples/…</c> and
/// <c>tests/vectors/…</c> resolve, and what the examples write stays out of the clone). Each must succeed and
/// print what the page shows (<see cref="MarkdownExamples"/>). The page's <c>localhost:5000</c> is the test
/// server's address.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class DocsExamplesTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("docs");

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, page));
        }

        return pages;
    }

    /// <summary>The repository's root: the folder above the test binaries that holds PayHub.slnx.</summary>
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PayHub.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("no PayHub.slnx above " + AppContext.BaseDirectory);
        }
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_pages_examples_run_as_written_and_print_what_the_page_shows(string page)
    {
        var examples = MarkdownExamples.Read(await File.ReadAllTextAsync(Path.Combine(Root, page)));
        if (examples.Count == 0)
        {
            return;
        }

        using var server = await PayHubNode.StartAsync(TestDatabases.For(_folder));
        var work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
        foreach (var entry in Directory.GetFileSystemEntries(Root).Where(e => Path.GetFileName(e) is not (".git" or "work")))
        {
            if (Directory.Exists(entry))
            {
                Directory.CreateSymbolicLink(Path.Combine(work, Path.GetFileName(entry)), entry);
            }
            else
            {
                File.CreateSymbolicLink(Path.Combine(work, Path.GetFileName(entry)), entry);
            }
        }

        var results = Directory.CreateDirectory(Path.Combine(_folder, "results")).FullName;
        // payhub is the built program on the reader's PATH (docs/cli.md), and PAYHUB_URL points payhub call at this
        // server as localhost:5000 is replaced in the commands.
        var script = new StringBuilder($"cd '{work}'\npayhub() {{ dotnet '{Path.Combine(AppContext.BaseDirectory, "payhub.dll")}' \"$@\"; }}\nexport PAYHUB_URL=http://{server.Address.Authority}\n");
        for (var i = 0; i < examples.Count; i++)
        {
            var commands = examples[i].Commands.Replace("localhost:5000", server.Address.Authority, StringComparison.Ordinal);
            script.Append("{\n").Append(commands).Append($"\n}} > '{results}/{i}.out' 2> '{results}/{i}.err'\necho $? > '{results}/{i}.status'\n");
        }

        await RunBashAsync(script.ToString());

        var failures = new List<string>();
        for (var i = 0; i < examples.Count; i++)
        {
            var (line, commands, prints) = examples[i];
            var statusFile = Path.Combine(results, $"{i}.status");
            var status = File.Exists(statusFile) ? (await File.ReadAllTextAsync(statusFile)).Trim() : "never ran";
            var printed = File.Exists(Path.Combine(results, $"{i}.out")) ? await File.ReadAllTextAsync(Path.Combine(results, $"{i}.out")) : "";
            var errors = File.Exists(Path.Combine(results, $"{i}.err")) ? await File.ReadAllTextAsync(Path.Combine(results, $"{i}.err")) : "";
            if (status != "0")
            {
                failures.Add($"{page}:{line}: exit {status}\n{commands}\n--- printed ---\n{printed}\n--- errors ---\n{errors}");
            }
            else if (prints is not null && !MarkdownExamples.Matches(prints, printed))
            {
                failures.Add($"{page}:{line}: printed something else\n{commands}\n--- the page shows ---\n{prints}\n--- it printed ---\n{printed}\n--- errors ---\n{errors}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Remove("PAYHUB__MASTERKEY");
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEndAsync();
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new TimeoutException("the page's examples did not end in 3 minutes: " + await error);
        }

        await Task.WhenAll(output, error);
    }
}
