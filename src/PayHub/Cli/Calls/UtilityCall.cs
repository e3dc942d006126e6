using PayHub.Client.Utility;
using PayHub.Hosting;
using PayHub.Protocols.Utility;

namespace PayHub.Cli.Calls;

/// <summary><c>payhub call utility TRANCODE</c>: the fields of a request file (examples/utility) and of <c>--field</c>, as the profile's institution.</summary>
public static class UtilityCall
{
    private static readonly string[] TranCodes = ["CustomerCheck", "Query", "Pay", "PayInvalid", "PayCheck"];

    /// <summary>The common fields the client writes itself from the profile.</summary>
    private static readonly HashSet<string> ClientFields = ["Version", "InstId", "TranCode"];

    public static async Task<int> RunAsync(CallRequest call, CancellationToken cancellationToken)
    {
        var profile = CallProfile.Require(call.Profile.Utility, "utility");
        var tranCode = TranCodes.FirstOrDefault(t => t.Equals(call.Operation, StringComparison.OrdinalIgnoreCase)) ?? call.Operation;
        var fileFields = ReadFile(call, out var fileDataType);
        var options = new UtilityClientOptions
        {
            BaseAddress = call.Url,
            InstId = profile.InstId,
            ApiKey = profile.ApiKey,
            DataType = Parse(call.DataType ?? fileDataType ?? profile.DataType),
            Charset = profile.Charset,
            Explain = call.Explainer,
            Clock = call.Clock,
        };
        var (type, mode) = call.Encrypt is { } encrypt
            ? (encrypt.Split('/')[0], encrypt.Contains('/', StringComparison.Ordinal) ? encrypt.Split('/')[1] : "ECB")
            : (profile.EncryptType, profile.EncryptMode);
        try
        {
            options.UseEncryption(type, mode, profile.Keys.GetValueOrDefault(type.ToUpperInvariant()));
        }
        catch (ArgumentException e)
        {
            throw new StartupProblem($"--encrypt {type}/{mode}: {e.Message} (the profile's utility.keys holds one key per EncryptType).", ExitCodes.Usage);
        }

        var fields = fileFields.Concat(call.Fields).Where(f => !ClientFields.Contains(f.Key)).ToList();
        var tranSeq = fields.LastOrDefault(f => f.Key == "TranSeq").Value;
        var tranDate = fields.LastOrDefault(f => f.Key == "TranDate").Value;
        var operationFields = fields.Where(f => f.Key is not ("TranSeq" or "TranDate")).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value));
        using var http = new HttpClient();
        var answer = await new UtilityClient(http, options).SendFieldsAsync(tranCode, operationFields, tranSeq, tranDate, cancellationToken);
        call.AnswerHeading();
        foreach (var (name, value) in answer.Message.Fields)
        {
            call.Out.WriteLine($"{name}: {value}");
        }

        return answer.IsSuccess ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static UtilityDataType Parse(string dataType) => dataType.ToUpperInvariant() switch
    {
        "XML" => UtilityDataType.Xml,
        "JSON" => UtilityDataType.Json,
        _ => throw new StartupProblem($"data type {dataType}: XML or JSON.", ExitCodes.Usage),
    };

    private static List<KeyValuePair<string, string>> ReadFile(CallRequest call, out string? dataType)
    {
        dataType = null;
        if (call.FileBytes() is not { } bytes)
        {
            return [];
        }

        var json = bytes.AsSpan().TrimStart(" \r\n\t"u8).StartsWith("{"u8);
        dataType = json ? "JSON" : "XML";
        var read = json ? UtilityJsonCodec.Read(bytes, UtilityMessage.RequestRoot) : UtilityXmlCodec.Read(bytes, null, UtilityMessage.RequestRoot);
        return read.Message?.Fields.ToList()
            ?? throw new StartupProblem($"the request file {call.File} is not a utility request: {read.Problem}.", ExitCodes.Usage);
    }
}
