using System.Globalization;
using PayHub.Client.Agreements;
using PayHub.Hosting;
using PayHub.Protocols.Agreements;

namespace PayHub.Cli.Calls;

/// <summary><c>payhub call dsp TRANSTYPE</c>: an ATSYH request from a file (examples/dsp) and <c>--field</c>, signed as the profile's front-end.</summary>
public static class AgreementsCall
{
    private static readonly string[] TransTypes = [TransType.Contract, TransType.DeContract, TransType.QryContract];
    private static readonly HashSet<string> HeaderFields = ["BankCode", "TransType", "CommandCode", "TransSeqID", "TransTime"];

    public static async Task<int> RunAsync(CallRequest call, CancellationToken cancellationToken)
    {
        var profile = CallProfile.Require(call.Profile.Dsp, "dsp");
        var request = new AtsyhRequest();
        if (call.FileBytes() is { } bytes)
        {
            var read = AtsyhCodec.ReadRequest(bytes);
            request = read.Message ?? throw new StartupProblem($"the request file {call.File} is not an ATSYH request: {read.Problem}.", ExitCodes.Usage);
        }

        request.Header.Set("TransType", TransTypes.FirstOrDefault(t => t.Equals(call.Operation, StringComparison.OrdinalIgnoreCase)) ?? call.Operation);
        foreach (var (name, value) in call.Fields)
        {
            (HeaderFields.Contains(name) ? request.Header : request.Detail).Set(name, value);
        }

        Default(request.Header, "BankCode", profile.BankCode);
        Default(request.Header, "CommandCode", profile.CommandCode);
        Default(request.Header, "TransSeqID", AgreementClient.NewSequence());
        Default(request.Header, "TransTime", call.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var ordered = new AtsyhRequest { Version = request.Version };
        foreach (var name in HeaderFields)
        {
            if (request.Header.Get(name) is { } value)
            {
                ordered.Header.Set(name, value);
            }
        }

        foreach (var (name, value) in request.Detail.All)
        {
            ordered.Detail.Set(name, value);
        }

        var options = new AgreementClientOptions { BaseAddress = call.Url, ClientId = profile.ClientId, Secret = profile.Secret, Explain = call.Explainer, Clock = call.Clock };
        using var http = new HttpClient();
        var answer = await new AgreementClient(http, options).SendBodyAsync(AtsyhCodec.WriteRequest(ordered), cancellationToken);
        call.AnswerHeading();
        foreach (var (name, value) in answer.Response.Header.All.Concat(answer.Response.Detail.All))
        {
            call.Out.WriteLine($"{name}: {value}");
        }

        return answer.IsSuccess ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static void Default(AtsyhFields fields, string name, string? value)
    {
        if (fields.Value(name) is null && value is not null)
        {
            fields.Set(name, value);
        }
    }
}
