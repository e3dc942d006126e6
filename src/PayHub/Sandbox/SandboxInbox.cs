using System.Text;
using System.Text.Json;
using PayHub.Protocols.RiskCases;
using PayHub.RiskCases;

namespace PayHub.Sandbox;

/// <summary>
/// The sandbox's built-in receiver of risk pushes: checks a message's sign against the agent its <c>accessid</c>
/// names, keeps it as an operator may read it back (SPEC.md "Common": a risk-case message masked as the audit
/// trail masks it, its sign left out; credential headers as <c>***</c>), and answers as the inbox is told to (acknowledge,
/// or fail with a status, after a delay). Reached at <c>POST /sandbox/inbox/{name}</c>, and directly by
/// the push sender for a notify URL <c>sandbox:inbox/{name}</c> (the demo agents' own).
/// </summary>
public sealed class SandboxInbox(SandboxInboxStore store, RiskAgentDirectory agents, TimeProvider clock)
{
    /// <summary>The notify URL scheme that names an inbox of this sandbox.</summary>
    public const string UrlPrefix = "sandbox:inbox/";

    /// <summary>Headers whose values are credentials: never kept (SPEC.md "Common").</summary>
    private static readonly HashSet<string> CredentialHeaders = new(
        ["Authorization", "Proxy-Authorization", "Cookie", "X-API-Key", "Signature", "X-DSP-Signature", "Access-Token"], StringComparer.OrdinalIgnoreCase);

    public static bool IsInboxUrl(string url) => url.StartsWith(UrlPrefix, StringComparison.Ordinal);

    public static bool IsName(string name) => name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Keeps the message and decides the answer: 200 with <c>SUCCESS</c>, or the inbox's failure status, after its delay.</summary>
    public async Task<int> ReceiveAsync(string inbox, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, CancellationToken cancellationToken)
    {
        var setting = store.Setting(inbox);
        var answered = setting.FailStatus ?? StatusCodes.Status200OK;
        var message = Hosting.RequestBody.ParseJsonObject(body, out var parsed) is null ? parsed : null;
        await store.Keep(inbox, clock.GetUtcNow(), HeadersJson(headers), message is { } json ? RiskFields.Masked(json) : Encoding.UTF8.GetString(body), SignVerifies(message), answered);
        if (setting.DelayMs is > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(setting.DelayMs.Value), cancellationToken); // real time: a delay is a network condition, not a business rule
        }

        return answered;
    }

    private bool SignVerifies(JsonElement? message) =>
        message is { } json && json.TryGetProperty("accessid", out var accessId) && accessId.ValueKind == JsonValueKind.String
        && agents.Find(accessId.GetString()!) is { } agent && RiskSign.Verify(json, agent.Secret);

    private static string HeadersJson(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in headers)
            {
                json.WriteString(name, CredentialHeaders.Contains(name) ? "***" : value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
