using System.CommandLine;
using System.Diagnostics;
using PayHub.Cli.Calls;
using PayHub.Client;
using PayHub.Hosting;

namespace PayHub.Cli.Conformance;

/// <summary>
/// <c>payhub conform FAMILY --url URL --profile FILE</c>: runs the contract's cases for one family against any
/// implementation and reports them (console, <c>--junit</c>, <c>--html</c>). Exit code 0 when no case failed, 1 when one did.
/// </summary>
public static class ConformCommand
{
    public static Command Create()
    {
        var family = new Argument<string>("family") { Description = "utility, dsp, global or risk" };
        var url = CallCommand.UrlOption();
        var profile = new Option<string?>("--profile") { Description = "Credentials and test data per family (JSON, as examples/demo-profile.json); default: the demo's" };
        var junit = new Option<string?>("--junit") { Description = "Write the report as JUnit XML to this file" };
        var html = new Option<string?>("--html") { Description = "Write the report as a self-contained HTML page to this file" };
        var conform = new Command("conform", "Check an implementation of one family's interface against the contract, case by case")
        {
            family, url, profile, junit, html,
        };
        conform.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = CallProfile.Load(parse.GetValue(profile));
            var address = CallCommand.Address(parse.GetValue(url), loaded);
            var clock = TimeProvider.System;
            var name = parse.GetValue(family)!.ToLowerInvariant();
            var cases = name switch
            {
                "utility" => UtilityConformance.Cases(CallProfile.Require(loaded.Utility, "utility"), address),
                "dsp" or "agreements" => AgreementConformance.Cases(CallProfile.Require(loaded.Dsp, "dsp"), address),
                "global" or "global-accounts" => GlobalAccountsConformance.Cases(CallProfile.Require(loaded.Global, "global"), address),
                "risk" or "risk-cases" => RiskCaseConformance.Cases(CallProfile.Require(loaded.Risk, "risk"), address),
                _ => throw new StartupProblem($"unknown family '{name}': utility, dsp, global or risk.", ExitCodes.Usage),
            };
            var report = await RunAsync(name, address, cases, clock, cancellationToken);
            report.WriteSummary(Console.Out);
            if (parse.GetValue(junit) is { } junitFile)
            {
                await using var stream = File.Create(junitFile);
                report.WriteJUnit(stream);
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                await File.WriteAllTextAsync(htmlFile, ConformanceHtml.Render(report), cancellationToken);
            }

            return report.Count(CaseOutcome.Failed) == 0 ? ExitCodes.Success : ExitCodes.Refused;
        });
        return conform;
    }

    /// <summary>Runs the cases one after another (some build on the state an earlier one left), each within 30 seconds.</summary>
    public static async Task<ConformanceReport> RunAsync(string family, Uri address, IEnumerable<ConformanceCase> cases, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var wire = new ConformanceWire(http, address);
        var started = clock.GetUtcNow();
        var results = new List<CaseResult>();
        foreach (var @case in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var context = new CaseContext(wire, clock);
            wire.Record = context.Exchanges;
            var watch = Stopwatch.StartNew();
            var (outcome, reason) = await RunOneAsync(@case, context);
            results.Add(new CaseResult(@case, outcome, reason, context.Exchanges, watch.Elapsed));
        }

        return new ConformanceReport(family, address, started, results);
    }

    private static async Task<(CaseOutcome, string)> RunOneAsync(ConformanceCase @case, CaseContext context)
    {
        try
        {
            await @case.Run(context);
            return (CaseOutcome.Passed, "");
        }
        catch (CaseNotRun notRun)
        {
            return (CaseOutcome.NotRun, notRun.Message);
        }
        catch (CaseFailed failed)
        {
            return (CaseOutcome.Failed, failed.Message);
        }
        catch (PayHubClientException unreadable)
        {
            return (CaseOutcome.Failed, unreadable.Message);
        }
        catch (HttpRequestException unreachable)
        {
            return (CaseOutcome.Failed, "no answer: " + unreachable.Message);
        }
        catch (TaskCanceledException)
        {
            return (CaseOutcome.Failed, "no answer within 30 seconds");
        }
    }
}
