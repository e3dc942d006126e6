using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayHub.Exchanges;
using PayHub.Hosting;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>
/// The request journal: the audit trail, with what the front door adds to every family's row — the node, which
/// check refused the request and why, the headers with credentials masked, the request's bytes as received (its
/// credential fields masked: <see cref="CredentialFields"/>) — and
/// what <c>PayHub:Journal</c> says to keep (<see cref="JournalOptions"/>): on a sandbox every exchange's decoded
/// bodies and bytes, in production the decoded bodies of refusals and the metadata of the rest.
/// </summary>
public sealed class Journal(Database database, IOptions<PayHubOptions> options)
{
    public const string All = "all";
    public const string Refusals = "refusals";
    public const string None = "none";

    /// <summary>Request headers whose values are credentials: kept as <c>***</c>.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-API-Key", "Authorization", "Proxy-Authorization", "Signature", "X-DSP-Signature", "Access-Token", "Cookie",
    };

    /// <summary>Whether a header's value is a credential, which whatever PayHub records shows as <c>***</c>.</summary>
    public static bool IsCredentialHeader(string name) => CredentialHeaders.Contains(name);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JournalOptions _options = options.Value.Journal;

    public string Node { get; } = options.Value.NodeName is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>What the journal keeps of bodies: <see cref="All"/>, <see cref="Refusals"/> or <see cref="None"/>.</summary>
    public string Bodies => _options.Bodies ?? (database.Sandbox ? All : Refusals);

    /// <summary>Whether the journal keeps a request's bytes as received.</summary>
    public bool KeepsRaw => _options.Raw ?? database.Sandbox;

    /// <summary>Whether a diagnosis may show the digest PayHub computed: on a sandbox only.</summary>
    public bool ShowsDigests => database.Sandbox;

    public bool KeepsBodies(bool refused) => Bodies == All || (refused && Bodies == Refusals);

    /// <summary>A setting that is not one of the choices stops the start with one line.</summary>
    public void Check()
    {
        if (_options.Bodies is not (null or All or Refusals or None))
        {
            throw new StartupProblem($"PayHub:Journal:Bodies is '{_options.Bodies}': it must be {All}, {Refusals} or {None}.");
        }

        if (_options.RetentionDays < 1 || _options.MaxEntries < 1)
        {
            throw new StartupProblem("PayHub:Journal:RetentionDays and PayHub:Journal:MaxEntries must be at least 1.");
        }
    }

    /// <summary>The family's row with what the journal adds and keeps.</summary>
    public AuditEntry Complete(Exchange exchange, AuditEntry entry)
    {
        var bodies = KeepsBodies(entry.Refused);
        return entry with
        {
            Request = bodies ? entry.Request : "",
            Response = bodies ? entry.Response : "",
            Node = Node,
            RefusedBy = exchange.RefusedBy.Length > 0 ? exchange.RefusedBy : entry.Refused ? entry.RefusedBy : "",
            Diagnosis = exchange.RefusedBy.Length > 0 ? exchange.Diagnosis : entry.Refused ? entry.Diagnosis : "",
            Headers = bodies ? MaskedHeaders(exchange.Http.Request) : "",
            RawRequest = KeepsRaw && exchange.RawBody is { } raw ? Convert.ToBase64String(exchange.CredentialFields.Scrub(raw)) : "",
        };
    }

    /// <summary>
    /// The headers as a JSON object, each credential as <c>***</c>, after the method and the path as HTTP/2 names them
    /// (<c>:method</c>, <c>:path</c>; the query string is left out): the console rebuilds a request from them.
    /// </summary>
    public static string MaskedHeaders(HttpRequest request)
    {
        var headers = request.Headers;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString(":method", request.Method);
            json.WriteString(":path", request.PathBase + request.Path);
            foreach (var (name, value) in headers)
            {
                json.WriteString(name, CredentialHeaders.Contains(name) ? "***" : value.ToString());
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
