using System.Text.Json;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>The gateway's channels, <c>dsp_channels</c>, and their code maps, <c>dsp_code_map</c>.</summary>
public sealed class ChannelStore(Database database)
{
    /// <summary>Every channel (or the one named), by BankCode.</summary>
    public List<ChannelRow> Rows(string? bankCode = null) =>
        database.Read(db => db.Rows<(string BankCode, string Name, string Kind, string CommandCodes, long TimeoutMs, string Settings, string? Secret, long Enabled, long Version)>(
                """
                SELECT bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version
                FROM dsp_channels WHERE CAST(@p0 AS TEXT) IS NULL OR bank_code = @p0 ORDER BY bank_code
                """,
                bankCode))
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

    /// <summary>Adds the channel with its kind's default code map; false when the BankCode is taken.</summary>
    public bool Create(ChannelChange body, JsonElement settings, string? sealedSecret, IEnumerable<CodeMapEntry> codes, DateTimeOffset now) =>
        database.Write(scope =>
        {
            var at = now.ToString("O");
            var inserted = scope.Execute(
                """
                INSERT INTO dsp_channels (bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version, created_at, updated_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 1, @p8, @p8)
                ON CONFLICT (bank_code) DO NOTHING
                """,
                body.BankCode,
                body.Name,
                body.Kind,
                string.Join(' ', body.CommandCodes!),
                body.TimeoutMs ?? 1000,
                settings.GetRawText(),
                sealedSecret,
                body.Enabled ?? true ? 1 : 0,
                at) == 1;
            if (inserted)
            {
                foreach (var entry in codes)
                {
                    SaveCode(scope, body.BankCode!, entry);
                }
            }

            return inserted;
        });

    /// <summary>Changes the channel (a null secret keeps the stored one) and counts its version up.</summary>
    public void Update(string bankCode, ChannelChange body, string? sealedSecret, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            UPDATE dsp_channels SET name = @p1, command_codes = @p2, timeout_ms = @p3, settings = @p4,
                secret_sealed = COALESCE(@p5, secret_sealed), enabled = @p6, version = version + 1, updated_at = @p7
            WHERE bank_code = @p0
            """,
            bankCode,
            body.Name,
            string.Join(' ', body.CommandCodes!),
            body.TimeoutMs ?? 1000,
            (body.Settings ?? JsonDocument.Parse("{}").RootElement).GetRawText(),
            sealedSecret,
            body.Enabled ?? true ? 1 : 0,
            now.ToString("O")));

    /// <summary>The channel's code map in (TransType, Step, OriginalCode) order; null when there is no such channel.</summary>
    public List<CodeMapEntry>? Codes(string bankCode) => database.Read(db =>
        db.Scalar("SELECT 1 FROM dsp_channels WHERE bank_code = @p0", bankCode) is null
            ? null
            : db.Rows<CodeMapEntry>(
                """
                SELECT trans_type AS TransType, step AS Step, original_code AS OriginalCode, unified_code AS UnifiedCode, message AS Message
                FROM dsp_code_map WHERE bank_code = @p0 ORDER BY trans_type, step, original_code
                """,
                bankCode));

    /// <summary>Adds or changes one mapping; false when there is no such channel.</summary>
    public bool SetCode(string bankCode, CodeMapEntry entry) =>
        database.Write(scope =>
        {
            if (scope.Scalar("SELECT 1 FROM dsp_channels WHERE bank_code = @p0", bankCode) is null)
            {
                return false;
            }

            SaveCode(scope, bankCode, entry);
            return true;
        });

    /// <summary>Removes one mapping; false when there was none.</summary>
    public bool DeleteCode(string bankCode, string transType, string step, string originalCode) =>
        database.Write(scope => scope.Execute(
            "DELETE FROM dsp_code_map WHERE bank_code = @p0 AND trans_type = @p1 AND step = @p2 AND original_code = @p3",
            bankCode, transType, step, originalCode)) == 1;

    private static void SaveCode(WriteScope scope, string bankCode, CodeMapEntry entry) =>
        scope.Execute(
            """
            INSERT INTO dsp_code_map (bank_code, trans_type, step, original_code, unified_code, message)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT (bank_code, trans_type, step, original_code) DO UPDATE SET unified_code = excluded.unified_code, message = excluded.message
            """,
            bankCode, entry.TransType, entry.Step, entry.OriginalCode, entry.UnifiedCode, entry.Message);
}
