using System.Security.Cryptography;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The demo data of SPEC.md for family C: client DEMO_CLIENT_001, enabled for every accountType, with
/// the sandbox public key <c>demo-client-public.pem</c> as keyVersion 1; the server's signing key
/// <c>demo-server-private.pem</c> (public sandbox keys, never for production); customer REF-0001,
/// QWER Trading Co., Ltd., with an ENTERPRISE_REGISTRATION certificate and three ACTIVE
/// RECEIVE_ACCOUNTs in EUR, JPY and USD (with balances), plus one VIRTUAL_ACCOUNT and one
/// ALIPAY_SHADOW_WALLET so that every identifier rule has something to find.
/// </summary>
public sealed class GlobalAccountsDemoData(SecretBox box) : IDemoData
{
    public const string ClientId = "DEMO_CLIENT_001";
    public const string ReferenceCustomerId = "REF-0001";
    public const string CustomerId = "2188120000000001";

    public static string Pem(string name)
    {
        using var stream = typeof(GlobalAccountsDemoData).Assembly.GetManifestResourceStream("PayHub.GlobalAccounts.Demo." + name)
            ?? throw new InvalidOperationException("missing demo key " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Load(WriteScope scope, DateTimeOffset now)
    {
        var at = now.ToString("O");
        using (var serverKey = RSA.Create())
        {
            serverKey.ImportFromPem(Pem("demo-server-private.pem"));
            scope.Execute(
                "INSERT INTO ga_server_keys (key_version, private_key_sealed, public_key_pem, created_at) VALUES (1, @p0, @p1, @p2) ON CONFLICT (key_version) DO NOTHING", // kept by a sandbox reset
                box.Seal(serverKey.ExportPkcs8PrivateKey()), serverKey.ExportSubjectPublicKeyInfoPem(), at);
        }

        scope.Execute(
            "INSERT INTO ga_integrators (client_id, name, account_types, rate_limit_per_second, created_at) VALUES (@p0, '演示集成商', @p1, NULL, @p2)",
            ClientId, string.Join(' ', CustomerResolution.AccountTypes), at);
        scope.Execute("INSERT INTO ga_integrator_keys (client_id, key_version, public_key_pem, created_at) VALUES (@p0, 1, @p1, @p2)", ClientId, Pem("demo-client-public.pem"), at);
        scope.Execute("INSERT INTO ga_customers (customer_id, company_name, status, created_at) VALUES (@p0, 'QWER Trading Co., Ltd.', 'ACTIVE', @p1)", CustomerId, at);
        scope.Execute("INSERT INTO ga_certificates (customer_id, certificate_type, certificate_no) VALUES (@p0, 'ENTERPRISE_REGISTRATION', '91310000MA1FL8TQ2X')", CustomerId);
        scope.Execute(
            "INSERT INTO ga_integrator_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES (@p0, @p1, @p2, 1, @p3)",
            ClientId, CustomerId, ReferenceCustomerId, at);
        var accounts = new[]
        {
            (No: "7001000000000001", Type: "RECEIVE_ACCOUNT", Currency: "EUR", Available: "12500.50", Frozen: "0.00"),
            (No: "7001000000000002", Type: "RECEIVE_ACCOUNT", Currency: "JPY", Available: "1500000", Frozen: "0"),
            (No: "7001000000000003", Type: "RECEIVE_ACCOUNT", Currency: "USD", Available: "98765.43", Frozen: "100.00"),
            (No: "8801000000000001", Type: "VIRTUAL_ACCOUNT", Currency: "USD", Available: "2500.00", Frozen: "0.00"),
            (No: "2088000000000001", Type: "ALIPAY_SHADOW_WALLET", Currency: "CNY", Available: "8888.88", Frozen: "0.00"),
        };
        foreach (var account in accounts)
        {
            scope.Execute(
                "INSERT INTO ga_accounts (account_no, customer_id, account_type, status, currencies, created_at) VALUES (@p0, @p1, @p2, 'ACTIVE', @p3, @p4)",
                account.No, CustomerId, account.Type, account.Currency, at);
            scope.Execute(
                "INSERT INTO ga_balances (account_no, currency, available, frozen, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4)",
                account.No, account.Currency, account.Available, account.Frozen, at);
        }
    }
}
