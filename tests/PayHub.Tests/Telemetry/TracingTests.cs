using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using PayHub.Protocols.Agreements;
using PayHub.Tests.Agreements;

namespace PayHub.Tests.Telemetry;

/// <summary>
/// Traces as a collector receives them (the OpenTelemetry SDK's in-memory exporter in place of OTLP): a DSP step's
/// exchange span with its database and channel child spans, the channel's HTTP call carrying the <c>traceparent</c> to a
/// remote gateway on a loopback socket, and the group-commit batch that carried the step's write linked both ways.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly PayHubFactory _gateway = new();
    private readonly SpanList _spans = new();
    private readonly ConcurrentQueue<string> _traceparents = new();
    private readonly ScopedLogs _logs = new();
    private Microsoft.AspNetCore.Builder.WebApplication? _remote;

    public async Task InitializeAsync()
    {
        _remote = await LoopbackEndpoint.StartAsync("/dsp", async http =>
        {
            _traceparents.Enqueue(http.Request.Headers["traceparent"].ToString());
            var request = AtsyhCodec.ReadRequest((await PayHub.Hosting.RequestBody.ReadAsync(http.Request, 65536, http.RequestAborted))!).Message!;
            var answer = AtsyhResponse.Echo(request.BankCode, request.TransType, request.TransSeqId);
            answer.Detail.Set("RespCode", "0").Set("RespInfo", "验证码已发送").Set("ReqSeqID", request.Detail.Get("ReqSeqID") ?? "")
                .Set("UnifiedCode", UnifiedCode.CodeSent).Set("SignState", "processing");
            http.Response.ContentType = "application/xml; charset=utf-8";
            await http.Response.Body.WriteAsync(AtsyhCodec.WriteResponse(answer));
        });
        _gateway.Settings["PayHub:Tracing:Enabled"] = "true";
        _gateway.Settings["Logging:LogLevel:PayHub.Exchanges.FrontDoor"] = "Debug"; // its line per answer
        _gateway.TestServices.Add(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
        _gateway.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(_logs));
        using var admin = _gateway.Admin();
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode = "TRACED01",
            name = "TRACED01",
            kind = "http",
            commandCodes = new[] { "9108Auth" },
            timeoutMs = 3000,
            settings = new { url = _remote.Urls.First() + "/dsp", clientId = "demo-frontend" },
            secret = "demo-dsp-secret",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        if (_remote is not null)
        {
            await _remote.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_step_s_span_has_its_database_and_channel_children_and_the_traceparent_reaches_the_remote_gateway()
    {
        var answer = await new DspCaller(_gateway.CreateClient()).SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "TRACED01"));
        Assert.Equal(UnifiedCode.CodeSent, answer.UnifiedCode);
        _gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var spans = _spans.Snapshot();

        // The SDK listens to PayHub's sources process-wide: other tests' servers in this process make spans too, so the
        // step's span is the one with the channel call to this test's remote gateway under it.
        var exchange = Assert.Single(spans, s => s.Source.Name == "PayHub.Agreements"
            && spans.Any(c => c.ParentSpanId == s.SpanId && (string?)c.GetTagItem("payhub.channel") == "TRACED01"));
        Assert.Equal("dsp Contract/01", exchange.DisplayName);
        Assert.Equal(("dsp", "Contract/01", UnifiedCode.CodeSent), ((string?)exchange.GetTagItem("payhub.family"), (string?)exchange.GetTagItem("payhub.operation"), (string?)exchange.GetTagItem("payhub.code")));
        Assert.False(string.IsNullOrEmpty((string?)exchange.GetTagItem("payhub.request_id")));

        var children = spans.Where(s => s.ParentSpanId == exchange.SpanId).ToList();
        Assert.Contains(children, s => s.Source.Name == "PayHub.Storage" && s.DisplayName == "db read");
        var channel = Assert.Single(children, s => s.Source.Name == "PayHub.Channels");
        Assert.Equal(("TRACED01", "answered"), ((string?)channel.GetTagItem("payhub.channel"), (string?)channel.GetTagItem("payhub.outcome")));
        var http = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == channel.SpanId && s.Source.Name == "System.Net.Http");

        // The remote received the context of the HTTP call: same trace, that span as its parent.
        var traceparent = Assert.Single(_traceparents);
        Assert.Equal($"00-{exchange.TraceId}-{http.SpanId}-01", traceparent);

        // The exchange's log line carries the trace id (the logging's activity tracking, on with tracing).
        Assert.Contains(_logs.Lines, line => line.Message.StartsWith("dsp Contract/01 from demo-frontend", StringComparison.Ordinal) && line.TraceId == exchange.TraceId.ToString());

        // Each batch that carried one of the step's writes links to the step's span (a batch serves many requests, so it
        // is a trace of its own), and the step's span links back to each.
        var batches = spans.Where(s => s.Source.Name == "PayHub.Storage" && s.DisplayName == "group commit" && s.Links.Any(l => l.Context.SpanId == exchange.SpanId)).ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, batch =>
        {
            Assert.Contains(exchange.Links, l => l.Context.SpanId == batch.SpanId);
            Assert.NotEqual(exchange.TraceId, batch.TraceId);
            Assert.True((int)batch.GetTagItem("payhub.batch.size")! >= 1);
        });
    }

    [Fact]
    public async Task A_step_on_the_sandbox_bank_has_its_channel_span_inside_the_step_s()
    {
        using (var admin = _gateway.Admin())
        {
            var created = await admin.PostAsJsonAsync("/admin/channels", new
            {
                bankCode = "TRACED02",
                name = "TRACED02",
                kind = "simulated",
                commandCodes = new[] { "9108Auth" },
                timeoutMs = 3000,
                settings = new { vocabulary = "bank" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var answer = await new DspCaller(_gateway.CreateClient()).SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "TRACED02"));
        Assert.Equal(UnifiedCode.CodeSent, answer.UnifiedCode);
        _gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var spans = _spans.Snapshot();

        var channel = Assert.Single(spans, s => s.Source.Name == "PayHub.Channels" && (string?)s.GetTagItem("payhub.channel") == "TRACED02");
        Assert.Equal(("simulated", "answered"), ((string?)channel.GetTagItem("payhub.channel.kind"), (string?)channel.GetTagItem("payhub.outcome")));
        var exchange = Assert.Single(spans, s => s.SpanId == channel.ParentSpanId);
        Assert.Equal("dsp Contract/01", exchange.DisplayName);

        // The sandbox bank keeps its books in PayHub's database and answers inside the write that claims the ReqSeqID: the
        // channel's span covers that write, inside the step's.
        Assert.True(channel.StartTimeUtc + channel.Duration <= exchange.StartTimeUtc + exchange.Duration, "the channel's span ends after the step's");
        Assert.True(channel.StartTimeUtc >= exchange.StartTimeUtc && channel.Duration > TimeSpan.Zero, $"channel span from {channel.StartTimeUtc:O} for {channel.Duration}");
    }

    /// <summary>
    /// The spans the exporter hands over, changed and copied under a lock: the SDK listens process-wide, so other tests'
    /// servers add spans while a test copies them (a plain list's copy then failed, seen once in CI).
    /// </summary>
    private sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
    {
        public List<Activity> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void SetItem(int index, Activity item)
        {
            lock (Items)
            {
                base.SetItem(index, item);
            }
        }

        protected override void RemoveItem(int index)
        {
            lock (Items)
            {
                base.RemoveItem(index);
            }
        }

        protected override void ClearItems()
        {
            lock (Items)
            {
                base.ClearItems();
            }
        }
    }

    /// <summary>Log lines with the trace id their scope carries, as a console or OTLP log exporter would write it.</summary>
    private sealed class ScopedLogs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<(string Message, string? TraceId)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? traceId = null;
                owner._scopes.ForEachScope(
                    (scope, _) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "TraceId").Value is { } id)
                        {
                            traceId = id.ToString();
                        }
                    },
                    (object?)null);
                owner.Lines.Enqueue((formatter(state, exception), traceId));
            }
        }
    }
}
