using System.CommandLine;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary>
/// <c>payhub call FAMILY OPERATION</c>: sends one request of any family, as a client of any implementation would
/// (built on PayHub.Client), and prints the decoded answer; <c>--explain</c> prints every step before it. Exit code 0
/// for a success, 1 for a refusal, 65 for an answer whose signature does not verify, 69 when nothing answered.
/// </summary>
public static class CallCommand
{
    public const string DefaultUrl = "http://localhost:5000";

    public static Command Create()
    {
        var family = new Argument<string>("family") { Description = "utility, dsp, global or risk" };
        var operation = new Argument<string>("operation")
        {
            Description = "utility: CustomerCheck, Query, Pay, PayInvalid, PayCheck (or any TranCode); dsp: Contract, DeContract, QryContract; "
                + "global: inquiryAccount, inquiryBalance, applyToken; risk: query, reply",
        };
        var fields = new Option<string[]>("--field", "-f") { Description = "A request field, name=value (repeat for more); set on top of --file's" };
        var file = new Option<string?>("--file") { Description = "A request file to start from (the files of examples/)" };
        var headers = new Option<string[]>("--header", "-H") { Description = "An extra header, name=value or 'Name: value' as curl has it (global: Connected-CustomerId, Access-Token)" };
        var profile = new Option<string?>("--profile") { Description = "Credentials per family (JSON, as examples/demo-profile.json); default: the demo's" };
        var url = UrlOption();
        var explain = new Option<bool>("--explain") { Description = "Print each step: what is signed (secrets as ***), the signature, the cipher, the bytes sent and received" };
        var encrypt = new Option<string?>("--encrypt") { Description = "utility: TYPE/MODE (SM4/CBC, AES/ECB, 3DES/CBC, NONE), with the profile's key of that type" };
        var dataType = new Option<string?>("--data-type") { Description = "utility: XML or JSON" };
        var credentials = new CredentialOptions();
        var call = new Command("call", "Send one request of any family's operation and print the decoded answer")
        {
            family, operation, fields, file, headers, profile, url, explain, encrypt, dataType,
        };
        foreach (var option in credentials.All)
        {
            call.Options.Add(option);
        }

        call.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = CallProfile.Load(parse.GetValue(profile));
            credentials.Apply(parse, loaded, parse.GetValue(encrypt));
            var request = new CallRequest(
                parse.GetValue(operation)!,
                CallRequest.Pairs(parse.GetValue(fields) ?? [], "--field"),
                parse.GetValue(file),
                CallRequest.Pairs((parse.GetValue(headers) ?? []).Select(CallRequest.CurlHeader), "--header"),
                loaded,
                Address(parse.GetValue(url), loaded),
                parse.GetValue(explain),
                parse.GetValue(encrypt),
                parse.GetValue(dataType),
                Console.Out,
                TimeProvider.System);
            return parse.GetValue(family)!.ToLowerInvariant() switch
            {
                "utility" => await UtilityCall.RunAsync(request, cancellationToken),
                "dsp" or "agreements" => await AgreementsCall.RunAsync(request, cancellationToken),
                "global" or "global-accounts" => await GlobalAccountsCall.RunAsync(request, cancellationToken),
                "risk" or "risk-cases" => await RiskCasesCall.RunAsync(request, cancellationToken),
                var other => throw new StartupProblem($"unknown family '{other}': utility, dsp, global or risk.", ExitCodes.Usage),
            };
        });
        return call;
    }

    public static Option<string?> UrlOption() =>
        new("--url") { Description = $"The server (default: $PAYHUB_URL, else the profile's url, else {DefaultUrl})" };

    /// <summary>Where to send: --url, else PAYHUB_URL, else the profile's url, else the demo's address; a one-line problem when it is not an http(s) URL.</summary>
    public static Uri Address(string? option, CallProfile profile)
    {
        var text = option ?? (Environment.GetEnvironmentVariable("PAYHUB_URL") is { Length: > 0 } environment ? environment : null) ?? profile.Url ?? DefaultUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? address
            : throw new StartupProblem($"--url {text}: an absolute http or https URL, e.g. {DefaultUrl}.", ExitCodes.Usage);
    }
}
