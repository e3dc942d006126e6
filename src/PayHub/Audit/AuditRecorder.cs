using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using PayHub.Storage;

namespace PayHub.Audit;

/// <summary>
/// Writes the audit trail: one row per request, with its fields masked by the family's own
/// classification of which field holds what personal data.
/// </summary>
public sealed class AuditRecorder(GroupCommit groupCommit, TimeProvider clock)
{
    /// <summary>How long a journal read waits for answers still going out.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(5);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<AnswerGoingOut, byte> _answersGoingOut = new();

    /// <summary>Fields as a JSON object, each value masked by <paramref name="classify"/>.</summary>
    public static string MaskedJson(IReadOnlyList<KeyValuePair<string, string>> fields, Func<string, PersonalData> classify)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < fields.Count; i++)
            {
                var (name, value) = fields[i];
                writer.WriteString(name, Masking.Mask(classify(name), value));
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Records the entry inside a write that is already running (the same transaction as its business effect).</summary>
    public void Record(WriteScope scope, AuditEntry entry) => AuditTrailStore.Append(scope, entry, clock.GetUtcNow());

    /// <summary>
    /// Adds the answer's bytes as sent to an exchange's entry already committed (where the journal keeps raw bytes), with
    /// the next batch of writes rather than a commit of its own (<see cref="GroupCommit.WriteWithNextBatch"/>): nobody
    /// waits for it, and a reader of the journal calls <see cref="SettleAsync"/> first.
    /// </summary>
    public void KeepAnswerBytes(string requestId, string family, byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        groupCommit.WriteWithNextBatch(scope => AuditTrailStore.KeepAnswerBytes(scope, requestId, family, base64));
    }

    /// <summary>
    /// Marks an answer going out whose entry is appended, or whose bytes are kept, after the client may already hold it;
    /// disposed (once or more) when both are queued.
    /// </summary>
    public AnswerGoingOut AnswerGoingOut()
    {
        var answer = new AnswerGoingOut(_answersGoingOut);
        _answersGoingOut.TryAdd(answer, 0);
        return answer;
    }

    /// <summary>
    /// Completes once every entry and answer's bytes of an answer sent so far by this node are committed (waiting at most
    /// <see cref="SettleLimit"/> for answers still going out): called before the journal is read, so that a read after an
    /// answer finds it.
    /// </summary>
    public async Task SettleAsync()
    {
        if (!_answersGoingOut.IsEmpty)
        {
            try
            {
                await Task.WhenAll(_answersGoingOut.Keys.Select(a => a.Queued)).WaitAsync(SettleLimit);
            }
            catch (TimeoutException)
            {
                // A client reading slowly holds its answer back; the journal is read without that one.
            }
        }

        await groupCommit.SettleAsync();
    }

    /// <summary>Records the entry on its own; completes once it is durable.</summary>
    public Task RecordAsync(AuditEntry entry) =>
        groupCommit.WriteAsync(scope =>
        {
            Record(scope, entry);
            return true;
        });
}
