using System.Net;
using System.Net.Sockets;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Cli;

/// <summary>
/// What a new user meets when something is wrong, run with the real payhub process: one line on standard
/// error that names the path, setting or argument and what to do, never a stack trace, and an exit code
/// that tells a usage error (64), a configuration error (78) and a crash (70) apart.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class CliFailureTests : IDisposable
{
    private const int Usage = 64;
    private const int Configuration = 78;

    private static readonly Dictionary<string, string> Key = new() { ["PAYHUB__MASTERKEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) };
    private static readonly Dictionary<string, string> OtherKey = new() { ["PAYHUB__MASTERKEY"] = Convert.ToBase64String(new byte[32]) };

    private readonly string _folder = TestDatabases.NewFolder("cli");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    private static void OneLine(CommandRun run, int exitCode, params string[] saying)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.Error}");
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("payhub: ", line, StringComparison.Ordinal);
        foreach (var words in saying)
        {
            Assert.Contains(words, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_a_master_key_says_which_setting_to_set() =>
        OneLine(await PayhubCommand.RunAsync(null, "serve", "--db", Path.Combine(_folder, "payhub.db")), Configuration, "PAYHUB__MASTERKEY", "--demo");

    [Fact]
    public async Task A_master_key_that_is_not_32_bytes_of_base64_is_named() =>
        OneLine(await PayhubCommand.RunAsync(new Dictionary<string, string> { ["PAYHUB__MASTERKEY"] = "secret" }, "serve", "--db", Path.Combine(_folder, "payhub.db")), Configuration, "not base64 of 32 bytes");

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public async Task A_number_of_database_writers_out_of_range_is_named_with_its_range(string writers) =>
        OneLine(
            await PayhubCommand.RunAsync(new Dictionary<string, string>(Key) { ["PAYHUB__DATABASEWRITERS"] = writers }, "serve", "--db", Path.Combine(_folder, "payhub.db")),
            Configuration,
            "PayHub:DatabaseWriters is " + writers,
            "between 1 and 64");

    [Fact]
    public async Task Handling_requests_on_the_socket_threads_is_refused_on_PostgreSQL_before_anything_connects() =>
        OneLine(
            await PayhubCommand.RunAsync(
                new Dictionary<string, string>(Key) { ["PAYHUB__INLINESCHEDULING"] = "true" },
                "serve",
                "--db",
                "postgresql://payhub@127.0.0.1:1/nowhere"),
            Configuration,
            "PayHub:InlineScheduling=true is for SQLite only");

    [Fact]
    public async Task The_runtimes_inline_socket_completions_are_refused_on_PostgreSQL_before_anything_connects() =>
        OneLine(
            await PayhubCommand.RunAsync(
                new Dictionary<string, string>(Key) { [PayHub.Hosting.SocketScheduling.RuntimeSwitch] = "1" },
                "serve",
                "--db",
                "postgresql://payhub@127.0.0.1:1/nowhere"),
            Configuration,
            "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 is for SQLite only");

    [Fact]
    public async Task Admin_token_with_a_misspelt_db_creates_no_database()
    {
        var misspelt = Path.Combine(_folder, "payhbu.db");

        OneLine(await PayhubCommand.RunAsync(Key, "admin-token", "--db", misspelt), Usage, misspelt, "check the path");
        Assert.False(File.Exists(misspelt));
    }

    [Fact]
    public async Task Another_master_key_is_refused_by_serve_and_admin_token_and_risk_book_does_not_write_a_book_twice()
    {
        var database = Path.Combine(_folder, "payhub.db");
        string[] book = ["risk-book", "--db", database, "--top", "1", "--fanout", "1", "--merchants", "2", "--cases", "3"];
        var written = await PayhubCommand.RunAsync(Key, book); // the database now remembers Key
        Assert.True(written.ExitCode == 0, written.Error);

        OneLine(await PayhubCommand.RunAsync(OtherKey, "serve", "--db", database, "--urls", "http://127.0.0.1:0"), Configuration, "master key", "PAYHUB__MASTERKEY");
        var token = await PayhubCommand.RunAsync(OtherKey, "admin-token", "--db", database);
        OneLine(token, Configuration, "master key");
        Assert.Equal("", token.Output.Trim()); // no token that could never work
        OneLine(await PayhubCommand.RunAsync(Key, book), Usage, "already holds risk agents", "another --db");
    }

    [Fact]
    public async Task A_db_folder_that_does_not_exist_is_named_with_the_command_that_makes_it()
    {
        var missing = Path.Combine(_folder, "no", "such");
        OneLine(await PayhubCommand.RunAsync(Key, "serve", "--db", Path.Combine(missing, "payhub.db")), Configuration, missing, "mkdir -p");
    }

    [Fact]
    public async Task A_db_path_that_is_a_folder_or_not_a_database_is_named()
    {
        var text = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(text, "these are notes, not a database, and they are long enough to be read as a header page");

        OneLine(await PayhubCommand.RunAsync(Key, "serve", "--db", _folder), Configuration, "is a folder", "payhub.db");
        OneLine(await PayhubCommand.RunAsync(Key, "serve", "--db", text), Configuration, text, "not a SQLite database");
        Assert.StartsWith("these are notes", await File.ReadAllTextAsync(text), StringComparison.Ordinal); // left as it was
    }

    [Fact]
    public async Task A_port_in_use_is_named_with_the_setting_that_moves_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        OneLine(await PayhubCommand.RunAsync(null, "serve", "--demo", "--urls", $"http://127.0.0.1:{port}"), Configuration, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "in use", "--urls");
    }

    [Fact]
    public async Task An_unknown_command_lists_the_commands_and_no_arguments_never_end_in_a_stack_trace()
    {
        OneLine(await PayhubCommand.RunAsync(Key, "frobnicate"), Usage, "unknown command 'frobnicate'", "serve, migrate, admin-token, risk-book");
        OneLine(await PayhubCommand.RunAsync(Key), Usage, "--db", "--demo");
        OneLine(await PayhubCommand.RunAsync(Key, "migrate"), Usage, "--db");
    }

    [Fact]
    public async Task A_running_server_logs_an_unreachable_channel_in_one_line_and_answers_bad_admin_bodies_with_problems()
    {
        using var node = await PayHubNode.StartAsync(TestDatabases.For(_folder));
        using var admin = node.Admin();
        var url = $"http://127.0.0.1:{LoopbackEndpoint.FreePort()}/dsp";
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode = "CLOSED01", name = "nobody listens", kind = "http", commandCodes = new[] { "9108Auth" }, timeoutMs = 500,
            settings = new { url, clientId = "demo-frontend" }, secret = "demo-dsp-secret",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var answer = await new Agreements.DspCaller(node.Client()).SendAsync(Agreements.DspCaller.Step("Contract", "01", Agreements.DspCaller.NewPayAct(), "CLOSED01"));
        var malformed = await admin.PostAsync("/admin/institutions", new StringContent("{\"instId\": \"00009\",", System.Text.Encoding.UTF8, "application/json"));
        var noType = await admin.PostAsync("/admin/institutions", new ByteArrayContent("{}"u8.ToArray()));

        Assert.Equal("EC904", answer.UnifiedCode);
        await Task.Delay(200); // the log line is written as the answer goes out
        var log = node.Output.Split('\n').Where(line => line.Trim().Length > 0).ToList();
        Assert.Contains(log, line => line.Contains($"Channel CLOSED01 unavailable: no connection to {url} (Connection refused)", StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || line.Contains("HttpRequestException", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("line 1", (await malformed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noType.StatusCode);
        Assert.Contains("application/json", (await noType.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
