using System.Xml.Linq;
using PayHub.Client.Tests.Cli;
using PayHub.Tests.Cli;

namespace PayHub.Client.Tests.Conformance;

/// <summary><c>payhub conform</c> as CI runs it: the summary, the exit code, a JUnit file a CI system reads, and the HTML page.</summary>
[Collection(DemoServerCollection.Name)]
public sealed class ConformCommandTests(DemoServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payhub-conform-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<CommandRun> ConformAsync(string family, Uri url) =>
        PayhubCommand.RunAsync(null, "conform", family, "--url", url.ToString(), "--profile", CallOutput.Example("demo-profile.json"),
            "--junit", Path.Combine(_folder, "junit.xml"), "--html", Path.Combine(_folder, "report.html"));

    [Fact]
    public async Task Against_payhub_it_exits_0_and_writes_a_junit_file_with_every_case_and_a_self_contained_page()
    {
        var run = await ConformAsync("dsp", server.Address);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^dsp: \d+ passed, 0 failed, 0 not run$", lines[^1]);
        var junit = XDocument.Load(Path.Combine(_folder, "junit.xml"));
        var suite = Assert.Single(junit.Root!.Elements("testsuite"));
        Assert.Equal("testsuites", junit.Root.Name.LocalName);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
        Assert.Equal(lines.Count(l => l.StartsWith("pass", StringComparison.Ordinal)), cases.Count);
        Assert.Equal(0, (int)suite.Attribute("failures")!);
        Assert.All(cases, c =>
        {
            Assert.StartsWith("B", (string)c.Attribute("name")!, StringComparison.Ordinal);
            Assert.Equal("conform.dsp", (string)c.Attribute("classname")!);
            Assert.True(double.TryParse((string)c.Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Contains("Contract: ", c.Element("system-out")!.Value, StringComparison.Ordinal);
        });
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        Assert.Contains("<h1>payhub conform dsp against", html, StringComparison.Ordinal);

        // A report kept by a CI system holds no request that could be replayed: every signature is ***.
        Assert.Contains("X-DSP-Signature: ***", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("X-DSP-Signature: [0-9a-f]{64}", html + await File.ReadAllTextAsync(Path.Combine(_folder, "junit.xml")));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_a_faulty_peer_it_exits_1_and_the_junit_file_holds_each_failure_with_its_reason()
    {
        await using var peer = await FaultyPeer.StartAsync(server.Address, requestFault: FaultyPeer.SkipDspSignatureCheck);

        var run = await ConformAsync("dsp", new Uri(peer.Urls.First()));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL    B09 a wrong X-DSP-Signature is EC906", run.Output, StringComparison.Ordinal);
        var suite = XDocument.Load(Path.Combine(_folder, "junit.xml")).Root!.Element("testsuite")!;
        var failures = suite.Elements("testcase").Where(c => c.Element("failure") is not null).ToList();
        Assert.Equal(failures.Count, (int)suite.Attribute("failures")!);
        Assert.Equal(4, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("UnifiedCode: expected 'EC906'", (string)f.Element("failure")!.Attribute("message")!, StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        Assert.Contains("<details class=\"fail\" open>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_family_is_a_usage_error_in_one_line()
    {
        var run = await PayhubCommand.RunAsync(null, "conform", "water", "--url", server.Address.ToString());

        Assert.Equal(64, run.ExitCode);
        Assert.Equal("payhub: unknown family 'water': utility, dsp, global or risk.", Assert.Single(run.ErrorLines));
    }
}
