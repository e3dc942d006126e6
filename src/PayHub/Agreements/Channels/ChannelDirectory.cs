using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The channels by BankCode, read from the database as one snapshot and kept for a few seconds (so
/// another node's changes arrive within that time); this node's own changes drop it at once.
/// </summary>
public sealed class ChannelDirectory(ChannelStore store, SecretBox box) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<bool, Dictionary<string, Channel>> _snapshot = new("channels", TimeSpan.FromSeconds(5));

    public Channel? Find(string bankCode) => _snapshot.GetOrAdd(true, _ => Load()).GetValueOrDefault(bankCode);

    public void Invalidate() => _snapshot.Clear();

    public void Dispose() => _snapshot.Dispose();

    private Dictionary<string, Channel> Load() =>
        store.Rows().ToDictionary(
            row => row.BankCode,
            row => new Channel(
                row.BankCode, row.Name, row.Kind, row.CommandCodes, row.TimeoutMs, row.Settings, row.SealedSecret is null ? null : box.Open(row.SealedSecret), row.Enabled, row.Version),
            StringComparer.Ordinal);
}
