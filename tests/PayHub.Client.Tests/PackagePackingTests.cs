using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using PayHub.Client.Tests.Cli;

namespace PayHub.Client.Tests;

/// <summary>
/// <c>dotnet pack</c> of PayHub.Protocols and PayHub.Client into a folder feed, under a version no earlier run used and
/// in a build folder of their own (the solution's outputs stay as they are), then an integrator's program outside the
/// repository (tests/PackageConsumer, copied out) restoring them from that feed into its own packages folder, built and
/// run against serve --demo: one call per family.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class PackagePackingTests(DemoServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payhub-pack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_packages_carry_readme_docs_and_symbols_and_a_program_outside_the_solution_calls_every_family_with_them()
    {
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
        var feed = Path.Combine(_folder, "feed");
        foreach (var project in new[] { "PayHub.Protocols", "PayHub.Client" })
        {
            await RunAsync("dotnet", CallOutput.RepositoryRoot(), "pack", Path.Combine("src", project), "-c", "Release", "-o", feed,
                "--artifacts-path", Path.Combine(_folder, "artifacts"), $"-p:Version={version}", "-nologo");
        }

        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"PayHub.Client.{version}.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/PayHub.Client.dll", entries);
            Assert.Contains("lib/net10.0/PayHub.Client.xml", entries);
            using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
            Assert.Contains(dependencies, d => (string?)d.Attribute("id") == "PayHub.Protocols" && (string?)d.Attribute("version") == version);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"PayHub.Client.{version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"PayHub.Protocols.{version}.nupkg")));

        var consumer = Path.Combine(_folder, "consumer");
        Directory.CreateDirectory(consumer);
        foreach (var file in new[] { "PackageConsumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(CallOutput.RepositoryRoot(), "tests", "PackageConsumer", file), Path.Combine(consumer, file));
        }

        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_folder, "packages")}" /></config>
              <packageSources><add key="payhub-feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        var output = await RunAsync("dotnet", consumer, "run", "-c", "Release", $"-p:PayHubClientVersion={version}", "--",
            server.Address.ToString(), Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst"));

        Assert.Contains("utility AAAAAAA 张三 540000", output, StringComparison.Ordinal);
        Assert.Contains("dsp EC000 signed", output, StringComparison.Ordinal);
        Assert.Contains("global SUCCESS EUR,JPY,USD", output, StringComparison.Ordinal);
        Assert.Matches(@"risk 10000 \d+", output);
        Assert.True(Directory.Exists(Path.Combine(_folder, "packages", "payhub.client", version)), "the package came into the program's own packages folder");

        // docs/client.md's programs, as written there (their localhost:5000 being this server), with the demo keys beside them.
        foreach (var pem in new[] { "demo-client-private.pem", "demo-server-public.pem" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "vectors", "worldfirst", pem), Path.Combine(consumer, pem));
        }

        var programs = DocumentedPrograms(await File.ReadAllTextAsync(Path.Combine(CallOutput.RepositoryRoot(), "docs", "client.md")));
        Assert.Equal(["dsp", "global", "risk", "utility"], programs.Keys.Order(StringComparer.Ordinal));
        var printed = new Dictionary<string, string>();
        foreach (var (name, source) in programs)
        {
            await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), source.Replace("http://localhost:5000", server.Address.ToString().TrimEnd('/'), StringComparison.Ordinal));
            printed[name] = await RunAsync("dotnet", consumer, "run", "-c", "Release", $"-p:PayHubClientVersion={version}");
        }

        Assert.Contains("AAAAAAA 张三: 36 payments, 540000 fen", printed["utility"], StringComparison.Ordinal);
        Assert.Contains("AAAAAAA owes 30000 fen for 202401, 202402", printed["utility"], StringComparison.Ordinal);
        Assert.Contains("DEF0005 (HTTP 400): ", printed["utility"], StringComparison.Ordinal);
        Assert.Contains("step 01: EC100 processing", printed["dsp"], StringComparison.Ordinal);
        Assert.Matches(@"step 02: EC000 success, agreement \d{20}", printed["dsp"]);
        Assert.Contains("query: signed", printed["dsp"], StringComparison.Ordinal);
        Assert.Contains("SUCCESS: QWER Trading Co., Ltd.", printed["global"], StringComparison.Ordinal);
        Assert.Equal(3, printed["global"].Split('\n').Count(line => line.StartsWith("  7001", StringComparison.Ordinal)));
        Assert.Contains("USD available: 7001000000000003 9876543", printed["global"], StringComparison.Ordinal);
        Assert.Matches(@"\d+ cases in this agent's tree", printed["risk"]);
        Assert.Matches(@"reply to \d+ \(山西兴宇装饰工程服务有限公司\): 10000", printed["risk"]);
    }

    /// <summary>The <c>```csharp</c> blocks right after a <c>&lt;!-- program: NAME --&gt;</c> line, by name.</summary>
    private static Dictionary<string, string> DocumentedPrograms(string markdown)
    {
        var programs = new Dictionary<string, string>();
        var lines = markdown.Split('\n');
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].StartsWith("<!-- program: ", StringComparison.Ordinal) && lines[i + 1].StartsWith("```csharp", StringComparison.Ordinal))
            {
                var end = Array.FindIndex(lines, i + 2, line => line.StartsWith("```", StringComparison.Ordinal));
                programs[lines[i]["<!-- program: ".Length..].TrimEnd(' ', '-', '>')] = string.Join('\n', lines[(i + 2)..end]);
            }
        }

        return programs;
    }

    private static async Task<string> RunAsync(string program, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}
