using PayHub.Tests.MultiNode;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Storage;

/// <summary>
/// A database remembers the master key its secrets are sealed under. Checked with a real payhub
/// process, as an operator would meet it: in the in-process test host the failed start raced with
/// the host's disposal, and the test sometimes saw an ObjectDisposedException instead of the reason.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class MasterKeyTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("masterkey");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task A_database_sealed_under_one_master_key_refuses_to_start_under_another()
    {
        using (var factory = PayHubFactory.On(_folder))
        {
            Assert.Equal("AAAAAAA", (await new UtilityCaller(factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PayHubNode.StartAsync(TestDatabases.For(_folder), new Dictionary<string, string> { ["MasterKey"] = Convert.ToBase64String(new byte[32]) }));

        Assert.StartsWith("The node exited on start", error.Message, StringComparison.Ordinal);
        Assert.Contains("master key", error.Message, StringComparison.Ordinal);
    }
}
