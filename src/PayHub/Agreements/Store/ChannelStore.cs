using System.Data.Common;
using System.Text.Json;
using Dapper;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>The gateway's channels, <c>dsp_channels</c>, and their code maps, <c>dsp_code_map</c>.</summary>
public sealed class ChannelStore(Database database)
{
    /// <summary>Every channel (or the one named), by BankCode.</summary>
    public List<ChannelRow> Rows(string? bankCode = null)
    {
        using var connection = database.Open();
        return connection.Query<(string BankCode, string Name, string Kind, string CommandCodes, long TimeoutMs, string Settings, string? Secret, long Enabled, long Version)>(
                """
                SELECT bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version
                FROM dsp_channels WHERE @bankCode IS NULL OR bank_code = @bankCode ORDER BY bank_code
                """,
                new { bankCode })
            .Select(row => new ChannelRow(
                row.BankCode,
                row.Name,
                row.Kind,
                row.CommandCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                (int)row.TimeoutMs,
                JsonDocument.Parse(row.Settings).RootElement.Clone(),
                row.Secret,
                row.Enabled != 0,
                row.Version))
            .ToList();
    }

    /// <summary>Adds the channel with its kind's default code map; false when the BankCode is taken.</summary>
    public bool Create(ChannelChange body, JsonElement settings, string? sealedSecret, IEnumerable<CodeMapEntry> codes, DateTimeOffset now) =>
        database.Write((connection, transaction) =>
        {
            var at = now.ToString("O");
            var inserted = connection.Execute(
                """
                INSERT INTO dsp_channels (bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version, created_at, updated_at)
                VALUES (@BankCode, @Name, @Kind, @commandCodes, @timeoutMs, @settings, @sealedSecret, @enabled, 1, @at, @at)
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
                    sealedSecret,
                    enabled = body.Enabled ?? true ? 1 : 0,
                    at,
                },
                transaction);
            if (inserted == 1)
            {
                SaveCodes(connection, transaction, body.BankCode!, codes);
            }

            return inserted == 1;
        });

    /// <summary>Changes the channel (a null secret keeps the stored one) and counts its version up.</summary>
    public void Update(string bankCode, ChannelChange body, string? sealedSecret, DateTimeOffset now) =>
        database.Write((connection, transaction) => connection.Execute(
            """
            UPDATE dsp_channels SET name = @Name, command_codes = @commandCodes, timeout_ms = @timeoutMs, settings = @settings,
                secret_sealed = COALESCE(@sealedSecret, secret_sealed), enabled = @enabled, version = version + 1, updated_at = @at
            WHERE bank_code = @bankCode
            """,
            new
            {
                bankCode,
                body.Name,
                commandCodes = string.Join(' ', body.CommandCodes!),
                timeoutMs = body.TimeoutMs ?? 1000,
                settings = (body.Settings ?? JsonDocument.Parse("{}").RootElement).GetRawText(),
                sealedSecret,
                enabled = body.Enabled ?? true ? 1 : 0,
                at = now.ToString("O"),
            },
            transaction));

    /// <summary>The channel's code map in (TransType, Step, OriginalCode) order; null when there is no such channel.</summary>
    public List<CodeMapEntry>? Codes(string bankCode)
    {
        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_channels WHERE bank_code = @bankCode", new { bankCode }) == 0)
        {
            return null;
        }

        return connection.Query<CodeMapEntry>(
            """
            SELECT trans_type AS TransType, step AS Step, original_code AS OriginalCode, unified_code AS UnifiedCode, message AS Message
            FROM dsp_code_map WHERE bank_code = @bankCode ORDER BY trans_type, step, original_code
            """,
            new { bankCode }).ToList();
    }

    /// <summary>Adds or changes one mapping; false when there is no such channel.</summary>
    public bool SetCode(string bankCode, CodeMapEntry entry) =>
        database.Write((connection, transaction) =>
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_channels WHERE bank_code = @bankCode", new { bankCode }, transaction) == 0)
            {
                return false;
            }

            SaveCodes(connection, transaction, bankCode, [entry]);
            return true;
        });

    /// <summary>Removes one mapping; false when there was none.</summary>
    public bool DeleteCode(string bankCode, string transType, string step, string originalCode) =>
        database.Write((connection, transaction) => connection.Execute(
            "DELETE FROM dsp_code_map WHERE bank_code = @bankCode AND trans_type = @transType AND step = @step AND original_code = @originalCode",
            new { bankCode, transType, step, originalCode },
            transaction)) == 1;

    private static void SaveCodes(DbConnection connection, DbTransaction transaction, string bankCode, IEnumerable<CodeMapEntry> entries) =>
        connection.Execute(
            """
            INSERT INTO dsp_code_map (bank_code, trans_type, step, original_code, unified_code, message)
            VALUES (@bankCode, @TransType, @Step, @OriginalCode, @UnifiedCode, @Message)
            ON CONFLICT (bank_code, trans_type, step, original_code) DO UPDATE SET unified_code = excluded.unified_code, message = excluded.message
            """,
            entries.Select(e => new { bankCode, e.TransType, e.Step, e.OriginalCode, e.UnifiedCode, e.Message }),
            transaction);
}
