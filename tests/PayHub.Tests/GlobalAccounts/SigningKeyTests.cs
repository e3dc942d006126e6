using System.Security.Cryptography;
using Dapper;
using PayHub.Protocols.GlobalAccounts;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>Keys: a client may hold several key versions; the server generates its own signing key on first start and keeps it.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("keys");

    public void Dispose()
    {
        TestDatabases.DeleteFolder(_folder);
    }

    [Fact]
    public async Task A_client_can_sign_with_a_second_key_version_and_a_withdrawn_version_is_KEY_NOT_FOUND()
    {
        using var factory = new PayHubFactory();
        using var client = new GlobalCaller(factory.CreateClient(), factory.Clock);
        using var admin = factory.Admin();
        using var second = RSA.Create(2048);
        const string body = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";

        var registered = await admin.PutAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/keys/2", new { publicKeyPem = second.ExportSubjectPublicKeyInfoPem() });
        var withV2 = await client.PostAsync(GlobalCaller.InquiryAccount, body, keyVersion: 2, signWith: second);
        var v2WithV1Key = await client.PostAsync(GlobalCaller.InquiryAccount, body, keyVersion: 2);
        var withV1 = await client.PostAsync(GlobalCaller.InquiryAccount, body);
        var deleted = await admin.DeleteAsync("/admin/integrators/DEMO_CLIENT_001/keys/2");
        var afterDelete = await client.PostAsync(GlobalCaller.InquiryAccount, body, keyVersion: 2, signWith: second);
        var weak = await admin.PutAsJsonAsync("/admin/integrators/DEMO_CLIENT_001/keys/3", new { publicKeyPem = "not a key" });

        Assert.True(registered.IsSuccessStatusCode);
        Assert.Equal(("SUCCESS", "INVALID_SIGNATURE", "SUCCESS"), (withV2.ResultCode, v2WithV1Key.ResultCode, withV1.ResultCode));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("KEY_NOT_FOUND", afterDelete.ResultCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, weak.StatusCode);
    }

    [Fact]
    public async Task Without_demo_data_the_server_generates_its_signing_key_once_and_keeps_it()
    {
        var settings = new Dictionary<string, string?> { ["PayHub:Demo"] = "false", ["PayHub:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        string firstKey;
        using (var first = PayHubFactory.On(_folder))
        {
            foreach (var (key, value) in settings)
            {
                first.Settings[key] = value;
            }

            var answer = await Unsigned(first);
            firstKey = ServerKey(first);
            Assert.Equal("INVALID_CLIENT", answer.ResultCode);
            using var publicKey = RSA.Create();
            publicKey.ImportFromPem(firstKey);
            Assert.True(Rsa256Signature.Verify(publicKey, Rsa256Signature.Content("POST", GlobalCaller.InquiryAccount, "NOBODY", answer.Time, answer.Body), answer.Signature));
            using var sandbox = GlobalCaller.Load("demo-server-public.pem");
            Assert.NotEqual(sandbox.ExportSubjectPublicKeyInfoPem(), firstKey);
        }

        using var again = PayHubFactory.On(_folder);
        foreach (var (key, value) in settings)
        {
            again.Settings[key] = value;
        }

        await Unsigned(again);
        Assert.Equal(firstKey, ServerKey(again));
    }

    private static string ServerKey(PayHubFactory factory)
    {
        using var connection = factory.OpenDatabase();
        return connection.QuerySingle<string>("SELECT public_key_pem FROM ga_server_keys");
    }

    private static async Task<(string ResultCode, string Time, byte[] Body, string Signature)> Unsigned(PayHubFactory factory)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GlobalCaller.InquiryAccount) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Client-Id", "NOBODY");
        using var response = await factory.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("result").GetProperty("resultCode").GetString()!,
            response.Headers.GetValues("response-time").Single(),
            body,
            response.Headers.GetValues("signature").Single().Split(',')[2]["signature=".Length..]);
    }
}
