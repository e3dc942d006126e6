using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PayHub.Tests;

/// <summary>
/// The real server in the in-process test host, on its own database loaded with the demo data (a SQLite
/// file, or with PAYHUB_TEST_POSTGRES set a fresh PostgreSQL database: <see cref="TestDatabases"/>),
/// with every log line (down to Trace) captured so tests can read what the server wrote.
/// </summary>
public sealed class PayHubFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;

    public PayHubFactory()
        : this(null)
    {
    }

    private PayHubFactory(string? folder)
    {
        _ownsFolder = folder is null;
        _folder = folder ?? TestDatabases.NewFolder("test");
        Directory.CreateDirectory(_folder);
    }

    /// <summary>A server on the database in <paramref name="folder"/>, which the caller owns (for restarts on one file).</summary>
    public static PayHubFactory On(string folder) => new(folder);

    /// <summary>The server's database: the SQLite file in the folder, or the PostgreSQL database named after it.</summary>
    public string DatabasePath => TestDatabases.For(_folder);

    public CapturedLogs Logs { get; } = new();

    /// <summary>The server's clock: real time, moved forward when a test needs time to pass (an SMS code to expire).</summary>
    public AdjustableClock Clock { get; } = new();

    /// <summary>Extra configuration for one test's server (e.g. a rate limit).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Services one test's server adds (e.g. an exchange hook).</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "demo-admin-token");
        return client;
    }

    /// <summary>A direct connection to the server's database, for checks a client could not make.</summary>
    public DbConnection OpenDatabase() => TestDatabases.Open(DatabasePath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("PayHub:Database", DatabasePath);
        builder.UseSetting("PayHub:Demo", "true");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices.ForEach(add => add(services));
        });
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        TestDatabases.Drop(_folder);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Every log line the server wrote, with its exception, as text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Real time plus an offset a test can move forward.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
