using System.Text.Json;
using Dapper;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The channels by BankCode, read from the database as one snapshot and kept for a few seconds (so
/// another node's changes arrive within that time); this node's own changes drop it at once.
/// </summary>
public sealed class ChannelDirectory(Database database, SecretBox box) : IDisposable
{
    private readonly ShortLivedCache<bool, Dictionary<string, Channel>> _snapshot = new(TimeSpan.FromSeconds(5));

    public Channel? Find(string bankCode) => _snapshot.GetOrAdd(true, _ => Load()).GetValueOrDefault(bankCode);

    public void Invalidate() => _snapshot.Clear();

    public void Dispose() => _snapshot.Dispose();

    private Dictionary<string, Channel> Load()
    {
        using var connection = database.Open();
        var rows = connection.Query<(string BankCode, string Name, string Kind, string CommandCodes, long TimeoutMs, string Settings, string? Secret, long Enabled, long Version)>(
            "SELECT bank_code, name, kind, command_codes, timeout_ms, settings, secret_sealed, enabled, version FROM dsp_channels");
        return rows.ToDictionary(
            row => row.BankCode,
            row => new Channel(
                row.BankCode,
                row.Name,
                row.Kind,
                row.CommandCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                (int)row.TimeoutMs,
                JsonDocument.Parse(row.Settings).RootElement.Clone(),
                row.Secret is null ? null : box.Open(row.Secret),
                row.Enabled != 0,
                row.Version),
            StringComparer.Ordinal);
    }
}
