using Dapper;
using PayHub.Secrets;
using PayHub.Storage;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Storage;

public sealed class StorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "payhub-storage-" + Guid.NewGuid().ToString("N")[..12]);

    public StorageTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Migrations_run_once_in_order_and_leave_WAL_mode()
    {
        var database = new Database(Path.Combine(_folder, "m.db"));

        var first = Migrator.Migrate(database);
        var second = Migrator.Migrate(database);

        Assert.Equal(Migrator.Available().Select(m => m.Version), first);
        Assert.Empty(second);
        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(first[^1], Migrator.CurrentVersion(connection));
    }

    [Fact]
    public async Task A_restart_on_the_same_file_keeps_everything_and_loads_the_demo_data_once()
    {
        string tranSeq = UtilityCaller.NewTranSeq();
        UtilityResponse first;
        using (var factory = PayHubFactory.On(_folder))
        {
            first = await new UtilityCaller(factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        }

        using (var again = PayHubFactory.On(_folder))
        {
            var repeat = await new UtilityCaller(again.CreateClient()).SendAsync(UtilityCaller.CustomerCheck(tranSeq));
            Assert.Equal(first.Message!.Fields, repeat.Message!.Fields);
            using var connection = again.OpenDatabase();
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_institutions"));
            Assert.Equal(36, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM utility_payments"));
        }
    }

    [Fact]
    public async Task A_database_sealed_under_one_master_key_refuses_to_start_under_another()
    {
        using (var factory = PayHubFactory.On(_folder))
        {
            Assert.Equal("AAAAAAA", (await new UtilityCaller(factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        }

        using var other = PayHubFactory.On(_folder);
        other.Settings["PayHub:MasterKey"] = Convert.ToBase64String(new byte[32]);

        var error = Assert.ThrowsAny<Exception>(() => other.CreateClient());
        Assert.Contains("master key", error.ToString());
    }

    [Fact]
    public void Without_a_database_or_demo_the_server_says_what_to_configure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageStartup.ResolveLocation(new PayHub.Hosting.PayHubOptions()));
        Assert.Contains("--db", error.Message);
        var keyError = Assert.Throws<InvalidOperationException>(() => StorageStartup.ResolveMasterKey(new PayHub.Hosting.PayHubOptions { Database = "x.db" }));
        Assert.Contains("PayHub:MasterKey", keyError.Message);
    }

    [Fact]
    public void A_temporary_demo_database_is_deleted_when_the_server_stops_and_a_chosen_file_is_kept()
    {
        var temporaryPath = StorageStartup.ResolveLocation(new PayHub.Hosting.PayHubOptions { Demo = true });
        var temporary = new Database(temporaryPath, temporary: true);
        var chosen = new Database(Path.Combine(_folder, "kept.db"));
        Migrator.Migrate(temporary);
        Migrator.Migrate(chosen);

        temporary.Dispose();
        chosen.Dispose();

        Assert.False(Directory.Exists(Path.GetDirectoryName(temporaryPath)));
        Assert.True(File.Exists(chosen.Location));
    }

    [Fact]
    public void Sealed_secrets_open_only_under_their_master_key()
    {
        var box = new SecretBox(new MasterKey(MasterKey.Demo));
        var sealedKey = box.Seal([1, 2, 3, 4]);

        Assert.Equal([1, 2, 3, 4], box.Open(sealedKey));
        Assert.NotEqual(sealedKey, box.Seal([1, 2, 3, 4]));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new SecretBox(new MasterKey(Convert.ToBase64String(new byte[32]))).Open(sealedKey));
    }
}
