using Dapper;
using PayHub.Storage;

namespace PayHub.Tests.GlobalAccounts;

/// <summary>
/// Migration 0009 renames family C's caller tables after the integrator (ga_clients → ga_integrators, with
/// its keys and customer links): a database written before it keeps every row, its foreign keys and the
/// uniqueness of a referenceCustomerId per integrator.
/// </summary>
public sealed class IntegratorTablesUpgradeTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("integrator-tables");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public void Integrators_their_keys_and_customer_links_survive_the_rename()
    {
        using var database = new Database(TestDatabases.For(_folder));
        Migrator.Migrate(database, through: 8);
        using var connection = database.Open();
        connection.Execute("INSERT INTO ga_clients (client_id, name, account_types, rate_limit_per_second, created_at) VALUES ('OLD_CLIENT', '旧集成商', 'RECEIVE_ACCOUNT', NULL, 'x')");
        connection.Execute("INSERT INTO ga_client_keys (client_id, key_version, public_key_pem, created_at) VALUES ('OLD_CLIENT', 1, 'pem', 'x')");
        connection.Execute("INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES ('C1', 'Old Co.', 'ACTIVE', 'x')");
        connection.Execute("INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES ('C2', 'Other Co.', 'ACTIVE', 'x')");
        connection.Execute("INSERT INTO ga_client_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES ('OLD_CLIENT', 'C1', 'R1', 1, 'x')");

        Migrator.Migrate(database);

        Assert.Equal("旧集成商", connection.ExecuteScalar<string>("SELECT name FROM ga_integrators WHERE client_id = 'OLD_CLIENT'"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ga_integrator_keys WHERE client_id = 'OLD_CLIENT'"));
        Assert.Equal("C1", connection.ExecuteScalar<string>("SELECT customer_id FROM ga_integrator_customers WHERE reference_customer_id = 'R1'"));
        var duplicate = Assert.ThrowsAny<System.Data.Common.DbException>(() =>
            connection.Execute("INSERT INTO ga_integrator_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES ('OLD_CLIENT', 'C2', 'R1', 1, 'x')"));
        Assert.True(Database.IsUniqueViolation(duplicate));
    }
}
