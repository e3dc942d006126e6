using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PayHub.Protocols.RiskCases;

namespace PayHub.Client.RiskCases;

/// <summary>
/// A service provider's client of the risk-case interface: queries its merchants' cases page by page and replies
/// to them, each request signed with the MD5 sign (every non-empty field sorted by key, <c>&amp;key=</c> the secret).
/// </summary>
public sealed class RiskCaseClient
{
    private readonly HttpClient _http;
    private readonly RiskCaseClientOptions _options;

    /// <summary>A client sending through <paramref name="http"/>.</summary>
    public RiskCaseClient(HttpClient http, RiskCaseClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    /// <summary>One page of cases in the caller's tree, newest first.</summary>
    public async Task<RiskCasePage> QueryAsync(RiskCaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<KeyValuePair<string, object?>> fields =
        [
            new("page", query.Page), new("rows", query.Rows), new("caseNo", query.CaseNo), new("agentNo", query.AgentNo),
            new("mercNum", query.MercNum), new("createTimeStart", query.CreateTimeStart), new("createTimeEnd", query.CreateTimeEnd),
        ];
        return await SendAsync("/case/query", fields, RiskCasesJson.Default.RiskCasePage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every case that matches, page after page (<paramref name="query"/>'s Rows per page, from its Page), until a page
    /// comes back short. A refusal ends the enumeration with a <see cref="PayHubClientException"/> naming its code.
    /// </summary>
    public async IAsyncEnumerable<RiskCase> QueryAllAsync(RiskCaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var page = query.Page; ; page++)
        {
            var answer = await QueryAsync(query with { Page = page }, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                throw new PayHubClientException($"Page {page} was refused: {answer.ReturnCode} {answer.ReturnMsg}", 200);
            }

            foreach (var row in answer.Rows)
            {
                yield return row;
            }

            if (answer.Rows.Count < query.Rows || (long)page * query.Rows >= answer.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>The agent's investigation reply to a case awaiting it (DTJ or BH); the same reply again in DSH answers success again.</summary>
    public Task<RiskAnswer> ReplyAsync(string caseNo, string surveyRemark, string? surveyWay = null, CancellationToken cancellationToken = default) =>
        SendAsync("/case/reply", [new("caseNo", caseNo), new("surveyRemark", surveyRemark), new("surveyWay", surveyWay)], RiskCasesJson.Default.RiskAnswer, cancellationToken);

    /// <summary>
    /// Any operation (its path after the prefix, e.g. <c>/case/query</c>) with these fields (strings, numbers, or null to
    /// leave out), <c>accessid</c>, <c>timestamp</c> and <c>sign</c> added; the answer's return code and the whole body.
    /// </summary>
    public async Task<(RiskAnswer Answer, string Json)> SendAsync(string operationPath, IEnumerable<KeyValuePair<string, object?>> fields, CancellationToken cancellationToken = default)
    {
        var bytes = await ExchangeAsync(operationPath, fields, cancellationToken).ConfigureAwait(false);
        return (Deserialize(bytes, RiskCasesJson.Default.RiskAnswer), Encoding.UTF8.GetString(bytes));
    }

    private async Task<T> SendAsync<T>(string operationPath, IEnumerable<KeyValuePair<string, object?>> fields, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : RiskAnswer =>
        Deserialize(await ExchangeAsync(operationPath, fields, cancellationToken).ConfigureAwait(false), type);

    private async Task<byte[]> ExchangeAsync(string operationPath, IEnumerable<KeyValuePair<string, object?>> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        List<KeyValuePair<string, object?>> all = [new("accessid", _options.AccessId), .. fields];
        if (_options.SendTimestamp)
        {
            all.Add(new("timestamp", _options.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
        }

        var unsigned = Write(all, null);
        using var document = JsonDocument.Parse(unsigned);
        _options.Report("string to sign", RiskSign.StringToSign(document.RootElement, "***"));
        var sign = RiskSign.Sign(document.RootElement, _options.Secret);
        _options.Report("signature", $"MD5 over the UTF-8 bytes of the string to sign (with the secret), upper-case hex: sign = {sign}");
        var body = Write(all, sign);
        var target = WireExchange.Target(_http, _options, _options.PathPrefix.TrimEnd('/') + operationPath);
        var answer = await WireExchange.PostAsync(_http, _options, target, body, "application/json", [], Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return answer.Body;
    }

    /// <summary>The request's JSON: fields in the order given, nulls left out, <c>sign</c> last.</summary>
    private static byte[] Write(IEnumerable<KeyValuePair<string, object?>> fields, string? sign)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null:
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    case long number:
                        json.WriteNumber(name, number);
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            if (sign is not null)
            {
                json.WriteString("sign", sign);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new PayHubClientException($"The answer is not the risk-case interface's JSON: {e.Message}", 200, e);
        }
    }
}
