using System.Data.Common;
using System.Text.Json;
using Dapper;
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
        group.MapGet("", (Database database, CodeMap codes) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(Load(connection, null, codes));
        }).WithName("ListChannels").WithSummary("Every channel with its adapter kind, CommandCodes and settings");

        group.MapGet("/{bankCode}", (string bankCode, Database database, CodeMap codes) =>
        {
            using var connection = database.Open();
            return Load(connection, bankCode, codes) is [var view] ? Results.Ok(view) : AdminApi.NotFound("No channel " + bankCode);
        }).WithName("GetChannel").WithSummary("One channel, with how many of its codes had no mapping since start");

        group.MapPost("", (ChannelChange body, Database database, ChannelCaller caller, SecretBox box, ChannelDirectory directory, CodeMap codes, TimeProvider clock) =>
        {
            var errors = Check(body, caller, creating: true);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var adapter = caller.AdapterOf(body.Kind!)!;
            var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
            using var connection = database.Open();
            using var transaction = database.BeginWrite(connection);
            var at = clock.GetUtcNow().ToString("O");
            var inserted = connection.Execute(
                """
                INSERT INTO dsp_channels (bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version, created_at, updated_at)
                VALUES (@BankCode, @Name, @Kind, @commandCodes, @timeoutMs, @settings, @secret, @enabled, 1, @at, @at)
                ON CONFLICT (bank_code) DO NOTHING
                """,
                new
                {
                    body.BankCode,
                    body.Name,
                    body.Kind,
                    commandCodes = string.Join(' ', body.CommandCodes!),
                    timeoutMs = body.TimeoutMs ?? 1000,
                    settings = settings.GetRawText(),
                    secret = body.Secret is null ? null : box.Seal(System.Text.Encoding.UTF8.GetBytes(body.Secret)),
                    enabled = body.Enabled ?? true ? 1 : 0,
                    at,
                },
                transaction);
            if (inserted == 0)
            {
                return AdminApi.Conflict($"Channel {body.BankCode} exists");
            }

            SaveCodes(connection, transaction, body.BankCode!, adapter.DefaultCodeMap(settings));
            transaction.Commit();
            directory.Invalidate();
            codes.Invalidate(body.BankCode!);
            return Results.Created($"/admin/channels/{body.BankCode}", Load(connection, body.BankCode, codes)[0]);
        }).WithName("CreateChannel").WithSummary("Adds a channel of an existing adapter kind, with the kind's default code map");

        group.MapPut("/{bankCode}", (string bankCode, ChannelChange body, Database database, ChannelCaller caller, SecretBox box, ChannelDirectory directory, CodeMap codes, TimeProvider clock) =>
        {
            using var connection = database.Open();
            var kind = connection.ExecuteScalar<string?>("SELECT kind FROM dsp_channels WHERE bank_code = @bankCode", new { bankCode });
            if (kind is null)
            {
                return AdminApi.NotFound("No channel " + bankCode);
            }

            var hasSecret = body.Secret is not null || connection.ExecuteScalar<long>("SELECT secret_sealed IS NOT NULL FROM dsp_channels WHERE bank_code = @bankCode", new { bankCode }) == 1;
            var errors = Check(body with { BankCode = bankCode, Kind = kind }, caller, creating: false, hasSecret);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            database.Write((writer, transaction) => writer.Execute(
                """
                UPDATE dsp_channels SET name = @Name, command_codes = @commandCodes, timeout_ms = @timeoutMs, settings = @settings,
                    secret_sealed = COALESCE(@secret, secret_sealed), enabled = @enabled, version = version + 1, updated_at = @at
                WHERE bank_code = @bankCode
                """,
                new
                {
                    bankCode,
                    body.Name,
                    commandCodes = string.Join(' ', body.CommandCodes!),
                    timeoutMs = body.TimeoutMs ?? 1000,
                    settings = (body.Settings ?? JsonDocument.Parse("{}").RootElement).GetRawText(),
                    secret = body.Secret is null ? null : box.Seal(System.Text.Encoding.UTF8.GetBytes(body.Secret)),
                    enabled = body.Enabled ?? true ? 1 : 0,
                    at = clock.GetUtcNow().ToString("O"),
                },
                transaction));
            directory.Invalidate();
            return Results.Ok(Load(connection, bankCode, codes)[0]);
        }).WithName("UpdateChannel").WithSummary("Changes a channel's name, CommandCodes, timeout, settings, secret or enabled flag");

        group.MapGet("/{bankCode}/codes", (string bankCode, Database database) =>
        {
            using var connection = database.Open();
            if (!Exists(connection, bankCode))
            {
                return AdminApi.NotFound("No channel " + bankCode);
            }

            return Results.Ok(connection.Query<CodeMapEntry>(
                """
                SELECT trans_type AS TransType, step AS Step, original_code AS OriginalCode, unified_code AS UnifiedCode, message AS Message
                FROM dsp_code_map WHERE bank_code = @bankCode ORDER BY trans_type, step, original_code
                """,
                new { bankCode }).ToList());
        }).WithName("ListChannelCodes").WithSummary("The channel's code map: (TransType, Step, OriginalCode) → (UnifiedCode, message)");

        group.MapPut("/{bankCode}/codes", (string bankCode, CodeMapEntry body, Database database, CodeMap codes) =>
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

            using var connection = database.Open();
            if (!Exists(connection, bankCode))
            {
                return AdminApi.NotFound("No channel " + bankCode);
            }

            using (var transaction = database.BeginWrite(connection))
            {
                SaveCodes(connection, transaction, bankCode, [body]);
                transaction.Commit();
            }

            codes.Invalidate(bankCode);
            return Results.Ok(body);
        }).WithName("SetChannelCode").WithSummary("Adds or changes one mapping; in effect on the next request");

        group.MapDelete("/{bankCode}/codes", (string bankCode, string transType, string? step, string originalCode, Database database, CodeMap codes) =>
        {
            var deleted = database.Write((connection, transaction) => connection.Execute(
                "DELETE FROM dsp_code_map WHERE bank_code = @bankCode AND trans_type = @transType AND step = @step AND original_code = @originalCode",
                new { bankCode, transType, step = step ?? "", originalCode },
                transaction));
            codes.Invalidate(bankCode);
            return deleted == 0 ? AdminApi.NotFound($"No mapping of {originalCode} for {bankCode} {transType} {step}") : Results.NoContent();
        }).WithName("DeleteChannelCode").WithSummary("Removes one mapping (?transType=&step=&originalCode=); the code then answers EC999");

        admin.MapGet("/sms", (Database database, string? bankCode, string? cellPhone, int? limit) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(connection.Query<SmsView>(
                """
                SELECT message_id AS MessageId, bank_code AS BankCode, cell_phone AS CellPhone, code AS Code, text AS Text, sent_at AS SentAt
                FROM dsp_sms_outbox
                WHERE (@bankCode IS NULL OR bank_code = @bankCode) AND (@cellPhone IS NULL OR cell_phone = @cellPhone)
                ORDER BY message_id DESC LIMIT @limit
                """,
                new { bankCode, cellPhone, limit = Math.Clamp(limit ?? 20, 1, 500) }).ToList());
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

    private static void SaveCodes(DbConnection connection, DbTransaction transaction, string bankCode, IEnumerable<CodeMapEntry> entries) =>
        connection.Execute(
            """
            INSERT INTO dsp_code_map (bank_code, trans_type, step, original_code, unified_code, message)
            VALUES (@bankCode, @TransType, @Step, @OriginalCode, @UnifiedCode, @Message)
            ON CONFLICT (bank_code, trans_type, step, original_code) DO UPDATE SET unified_code = excluded.unified_code, message = excluded.message
            """,
            entries.Select(e => new { bankCode, e.TransType, e.Step, e.OriginalCode, e.UnifiedCode, e.Message }),
            transaction);

    private static bool Exists(DbConnection connection, string bankCode) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_channels WHERE bank_code = @bankCode", new { bankCode }) == 1;

    private static List<ChannelView> Load(DbConnection connection, string? bankCode, CodeMap codes) =>
        connection.Query<(string BankCode, string Name, string Kind, string CommandCodes, long TimeoutMs, string Settings, long HasSecret, long Enabled, long Version)>(
                """
                SELECT bank_code, name, kind, command_codes, timeout_ms, settings, CASE WHEN secret_sealed IS NULL THEN 0 ELSE 1 END, enabled, version
                FROM dsp_channels WHERE @bankCode IS NULL OR bank_code = @bankCode ORDER BY bank_code
                """,
                new { bankCode })
            .Select(row => new ChannelView(
                row.BankCode,
                row.Name,
                row.Kind,
                row.CommandCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                (int)row.TimeoutMs,
                JsonDocument.Parse(row.Settings).RootElement.Clone(),
                row.HasSecret == 1,
                row.Enabled == 1,
                row.Version,
                codes.UnmappedCount(row.BankCode)))
            .ToList();
}
