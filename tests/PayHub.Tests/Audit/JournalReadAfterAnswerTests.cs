using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Storage;
using PayHub.Tests.Storage;

namespace PayHub.Tests.Audit;

/// <summary>
/// On a real socket the client holds an answer once its last byte is sent, which can be before the exchange's journal
/// entry (a refusal's, appended through the group commit while the answer goes out) and the answer's bytes are
/// committed: a journal read on that node after the answer still finds both, as docs/journal.md promises and its
/// examples do (one of them failed on PostgreSQL, where the append takes longer, when the read did not wait).
/// </summary>
public sealed class JournalReadAfterAnswerTests
{
    [Fact]
    public async Task A_read_after_a_refusal_waits_for_its_entry_while_the_write_lane_is_busy()
    {
        using var factory = new PayHubFactory();
        factory.Settings["PayHub:DatabaseWriters"] = "1";
        var port = LoopbackEndpoint.FreePort();
        factory.UseKestrel(port);
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        using var admin = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", "demo-admin-token");

        Task<HttpResponseMessage> read;
        byte[] answer;
        string requestId;
        using (var held = new HeldLane(factory.Services.GetRequiredService<GroupCommit>()))
        {
            var body = """{"page":1,"rows":5,"accessid":"4028805b6e86d179016e874f6c4200ad","sign":"00000000000000000000000000000000"}""";
            using var refused = await client.PostAsync("/risk/case/query", new StringContent(body, Encoding.UTF8, "application/json"));
            answer = await refused.Content.ReadAsByteArrayAsync();
            Assert.Equal(10002, JsonDocument.Parse(answer).RootElement.GetProperty("return_code").GetInt32());
            requestId = refused.Headers.GetValues("X-Request-Id").Single();

            read = admin.GetAsync($"/admin/journal?requestId={requestId}");
            await Task.Delay(300);
            Assert.False(read.IsCompleted, "the journal was read while the refusal's entry was still queued behind the held write");
            await held.ReleaseAsync();
        }

        using var response = await read;
        var entry = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray());
        Assert.Equal(("sign", requestId), (entry.GetProperty("refusedBy").GetString(), entry.GetProperty("requestId").GetString()));
        Assert.Equal(answer, Convert.FromBase64String(entry.GetProperty("rawResponse").GetString()!));
    }
}
