using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>The callers of each family: institutions, front-ends, integrators, risk agents; list, create, disable, rotate.</summary>
public static class CallerPages
{
    public static RouteGroupBuilder MapCallerPages(this RouteGroupBuilder console)
    {
        console.MapGet("/callers", async (HttpContext http) =>
        {
            var institutions = (await AdminCalls.CallAsync(http, "ListInstitutions")).Json;
            var frontEnds = (await AdminCalls.CallAsync(http, "ListFrontEnds")).Json;
            var integrators = (await AdminCalls.CallAsync(http, "ListIntegrators")).Json;
            var agents = (await AdminCalls.CallAsync(http, "ListRiskAgents")).Json;
            return ConsoleEndpoints.Page<Callers>(http, new()
            {
                ["Institutions"] = institutions,
                ["FrontEnds"] = frontEnds,
                ["Integrators"] = integrators,
                ["Agents"] = agents,
            });
        });
        return console;
    }
}
