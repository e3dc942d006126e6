using PayHub.Bench;

// bench helpers: `ceiling --urls URL` serves the fixed-GBK-body baseline; `sm4-bodies FILE` and `dsp-bodies APPLY CONFIRM COUNT BATCH` `wf-request KEY.pem FILE` and `risk-queries FILE TOP MONTHS` write the wrk Lua tables.
return args.FirstOrDefault() switch
{
    "ceiling" => await Ceiling.RunAsync(args[1..]),
    "sm4-bodies" => Sm4Bodies.Write(args[1]),
    "wf-request" => GlobalRequest.Write(args[1], args[2]),
    "risk-queries" => RiskQueries.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    "dsp-bodies" => DspBodies.Write(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PayHub.Bench ceiling --urls http://127.0.0.1:PORT | sm4-bodies FILE.lua | dsp-bodies APPLY.lua CONFIRM.lua COUNT BATCH | wf-request CLIENT_KEY.pem FILE.lua | risk-queries FILE.lua TOP MONTHS");
    return 2;
}
