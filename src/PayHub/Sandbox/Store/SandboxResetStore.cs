using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// What a sandbox reset empties: every family's business data and the inbox's messages, with their numbering
/// started again, so that the demo loaded after it is the demo of a new database. Left as they are: the
/// schema, the settings (the master key's check, the mode, the inbox settings), the admin tokens, the
/// server's signing keys and the audit trail.
/// </summary>
public static class SandboxResetStore
{
    /// <summary>Children before their parents.</summary>
    private static readonly string[] BusinessTables =
    [
        "risk_deliveries", "risk_case_events", "risk_case_scope", "risk_case_counts", "risk_cases", "risk_merchants", "risk_agents",
        "ga_grants", "ga_balances", "ga_accounts", "ga_certificates", "ga_integrator_customers", "ga_integrator_keys", "ga_integrators", "ga_customers",
        "dsp_sms_outbox", "dsp_sandbox_agreements", "dsp_requests", "dsp_agreement_events", "dsp_agreements", "dsp_code_map", "dsp_channels", "dsp_front_ends",
        "utility_reversals", "utility_bills", "utility_payments", "utility_requests", "utility_customers", "utility_companies", "utility_institutions",
        "sandbox_inbox_messages",
    ];

    private const string Generation = "reset_generation";

    /// <summary>Empties the business tables and counts the reset generation up; returns the new generation.</summary>
    public static long Empty(WriteScope scope, DatabaseEngine engine)
    {
        if (engine == DatabaseEngine.PostgreSql)
        {
            scope.ExecuteScript("TRUNCATE " + string.Join(", ", BusinessTables) + " RESTART IDENTITY");
        }
        else
        {
            foreach (var table in BusinessTables)
            {
                scope.ExecuteScript("DELETE FROM " + table);
            }

            scope.ExecuteScript("DELETE FROM sqlite_sequence WHERE name IN ('" + string.Join("', '", BusinessTables) + "')");
        }

        scope.Execute("DELETE FROM payhub_settings WHERE name = 'demo_loaded'");
        var generation = CurrentGeneration(scope) + 1;
        scope.Execute(
            "INSERT INTO payhub_settings (name, value) VALUES (@p0, @p1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            Generation, generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return generation;
    }

    /// <summary>How many resets the database has had (0: none).</summary>
    public static long CurrentGeneration(PreparedStatements db) => ParseGeneration(db.Scalar(GenerationSql, Generation));

    /// <inheritdoc cref="CurrentGeneration"/>
    public static async ValueTask<long> CurrentGenerationAsync(PreparedStatements db) => ParseGeneration(await db.ScalarAsync(GenerationSql, Generation));

    private const string GenerationSql = "SELECT value FROM payhub_settings WHERE name = @p0";

    private static long ParseGeneration(object? value) =>
        value is string text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
