using System.Text.Json;
using PayHub.Admin;
using PayHub.Agreements.Channels;
using PayHub.Protocols.Agreements;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// Admin resources of the gateway's channels: <c>/admin/channels</c> (create, change, enable), each
/// channel's code map at <c>/admin/channels/{bankCode}/codes</c>, and the sandbox bank's SMS outbox
/// at <c>/admin/sms</c>. Changes take effect on this node's next request.
/// </summary>
public static class ChannelAdminApi
{
    public static RouteGroupBuilder MapChannelAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/channels").WithTags("Agreement gateway: channels");
        group.MapGet("", (ChannelStore store, CodeMap codes) => TypedResults.Ok(store.Rows().Select(row => View(row, codes)).ToList()))
            .WithName("ListChannels").WithSummary("Every channel with its adapter kind, CommandCodes and settings");

        group.MapGet("/{bankCode}", (string bankCode, ChannelStore store, CodeMap codes) =>
            store.Rows(bankCode) is [var row] ? Results.Ok(View(row, codes)) : AdminApi.NotFound("No channel " + bankCode))
            .WithName("GetChannel").Produces<ChannelView>(200).ProducesProblem(404).WithSummary("One channel, with how many of its codes had no mapping since start");

        group.MapPost("", (ChannelChange body, ChannelStore store, ChannelCaller caller, SecretBox box, ChannelDirectory directory, CodeMap codes, TimeProvider clock) =>
        {
            var errors = Check(body, caller, creating: true);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
            var defaultCodes = caller.AdapterOf(body.Kind!)!.DefaultCodeMap(settings);
            if (!store.Create(body, settings, Seal(box, body.Secret), defaultCodes, clock.GetUtcNow()))
            {
                return AdminApi.Conflict($"Channel {body.BankCode} exists");
            }

            directory.Invalidate();
            codes.Invalidate(body.BankCode!);
            return Results.Created($"/admin/channels/{body.BankCode}", View(store.Rows(body.BankCode)[0], codes));
        }).WithName("CreateChannel").Produces<ChannelView>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds a channel of an existing adapter kind, with the kind's default code map");

        group.MapPut("/{bankCode}", (string bankCode, ChannelChange body, ChannelStore store, ChannelCaller caller, SecretBox box, ChannelDirectory directory, CodeMap codes, TimeProvider clock) =>
        {
            if (store.Rows(bankCode) is not [var current])
            {
                return AdminApi.NotFound("No channel " + bankCode);
            }

            var hasSecret = body.Secret is not null || current.SealedSecret is not null;
            var errors = Check(body with { BankCode = bankCode, Kind = current.Kind }, caller, creating: false, hasSecret);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            store.Update(bankCode, body, Seal(box, body.Secret), clock.GetUtcNow());
            directory.Invalidate();
            return Results.Ok(View(store.Rows(bankCode)[0], codes));
        }).WithName("UpdateChannel").Produces<ChannelView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes a channel's name, CommandCodes, timeout, settings, secret or enabled flag");

        group.MapGet("/{bankCode}/codes", (string bankCode, ChannelStore store) =>
            store.Codes(bankCode) is { } entries ? Results.Ok(entries) : AdminApi.NotFound("No channel " + bankCode)).WithName("ListChannelCodes").ProducesProblem(404).Produces<List<CodeMapEntry>>(200).WithSummary("The channel's code map: (TransType, Step, OriginalCode) → (UnifiedCode, message)");

        group.MapPut("/{bankCode}/codes", (string bankCode, CodeMapEntry body, ChannelStore store, CodeMap codes) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!TransType.IsKnown(body.TransType))
            {
                errors["transType"] = ["Contract, DeContract or QryContract"];
            }

            if (body.TransType == TransType.QryContract ? body.Step != "" : body.Step is not (TransType.Apply or TransType.Confirm))
            {
                errors["step"] = ["01 or 02; empty for QryContract"];
            }

            if (body.OriginalCode is not { Length: >= 1 and <= 64 })
            {
                errors["originalCode"] = ["1 to 64 characters"];
            }

            if (!UnifiedCode.IsKnown(body.UnifiedCode ?? ""))
            {
                errors["unifiedCode"] = ["one of " + string.Join(", ", UnifiedCode.All)];
            }

            if (body.Message is not { Length: >= 1 and <= 200 })
            {
                errors["message"] = ["1 to 200 characters"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            if (!store.SetCode(bankCode, body))
            {
                return AdminApi.NotFound("No channel " + bankCode);
            }

            codes.Invalidate(bankCode);
            return Results.Ok(body);
        }).WithName("SetChannelCode").Produces<CodeMapEntry>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds or changes one mapping; in effect on the next request");

        group.MapDelete("/{bankCode}/codes", (string bankCode, string transType, string? step, string originalCode, ChannelStore store, CodeMap codes) =>
        {
            var deleted = store.DeleteCode(bankCode, transType, step ?? "", originalCode);
            codes.Invalidate(bankCode);
            return !deleted ? AdminApi.NotFound($"No mapping of {originalCode} for {bankCode} {transType} {step}") : Results.NoContent();
        }).WithName("DeleteChannelCode").Produces(204).ProducesProblem(404).ProducesProblem(403).WithSummary("Removes one mapping (?transType=&step=&originalCode=); the code then answers EC999");

        admin.MapGet("/sms", (Database database, string? bankCode, string? cellPhone, int? limit) =>
        {
            return TypedResults.Ok(SandboxBankStore.Sms(database, bankCode, cellPhone, Math.Clamp(limit ?? 20, 1, 500)));
        }).WithTags("Agreement gateway: channels").WithName("ListSms").WithSummary("The sandbox bank's SMS outbox, newest first (?bankCode=&cellPhone=&limit=)");

        return admin;
    }

    private static Dictionary<string, string[]> Check(ChannelChange body, ChannelCaller caller, bool creating, bool hasSecret = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (body.BankCode is not { Length: >= 1 and <= 32 } || !body.BankCode.All(char.IsAsciiLetterOrDigit)))
        {
            errors["bankCode"] = ["1 to 32 letters or digits"];
        }

        AdminApi.CheckName(errors, body.Name);

        var adapter = body.Kind is null ? null : caller.AdapterOf(body.Kind);
        if (adapter is null)
        {
            errors["kind"] = ["one of " + string.Join(", ", caller.Kinds)];
        }

        if (body.CommandCodes is not { Count: > 0 } commandCodes || commandCodes.Any(c => c is not { Length: >= 1 and <= 32 } || c.Contains(' ', StringComparison.Ordinal)))
        {
            errors["commandCodes"] = ["at least one CommandCode, each 1 to 32 characters without spaces"];
        }

        if (body.TimeoutMs is < 50 or > 120_000)
        {
            errors["timeoutMs"] = ["50 to 120000"];
        }

        var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
        if (settings.ValueKind != JsonValueKind.Object)
        {
            errors["settings"] = ["a JSON object"];
        }
        else if (adapter?.CheckSettings(settings, hasSecret || body.Secret is not null) is { } problem)
        {
            errors["settings"] = [problem];
        }

        return errors;
    }

    private static string? Seal(SecretBox box, string? secret) => secret is null ? null : box.Seal(System.Text.Encoding.UTF8.GetBytes(secret));

    private static ChannelView View(ChannelRow row, CodeMap codes) =>
        new(row.BankCode, row.Name, row.Kind, row.CommandCodes, row.TimeoutMs, row.Settings, row.SealedSecret is not null, row.Enabled, row.Version, codes.UnmappedCount(row.BankCode));
}
