using PayHub.Bench;

// bench helpers: `ceiling --urls URL` serves the fixed-GBK-body baseline; `sm4-bodies FILE` and `dsp-bodies APPLY CONFIRM COUNT BATCH` `wf-request KEY.pem FILE` and `risk-queries FILE TOP MONTHS` write the wrk Lua tables; `durable-floor DB [MODE] --urls URL` serves the floor under CustomerCheck, inquiry and the risk page on SQLite (DurableFloor.cs); `relay`, `relay-probe` and `write-designs` put PostgreSQL far away and measure write designs against it.
return args.FirstOrDefault() switch
{
    "ceiling" => await Ceiling.RunAsync(args[1..]),
    "durable-floor" => await DurableFloor.RunAsync(args[1..]),
    "sm4-bodies" => Sm4Bodies.Write(args[1]),
    "wf-request" => GlobalRequest.Write(args[1], args[2]),
    "risk-queries" => RiskQueries.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    "relay" => await LatencyRelay.RunAsync(args[1..]),
    "relay-probe" => await RelayProbe.RunAsync(args[1..]),
    "write-designs" => await WriteDesigns.RunAsync(args[1..]),
    "dsp-bodies" => DspBodies.Write(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PayHub.Bench ceiling --urls http://127.0.0.1:PORT | durable-floor DB [durable|unsynced|read|signed CLIENT_PUBLIC.pem SERVER_PRIVATE.pem] --urls http://127.0.0.1:PORT | sm4-bodies FILE.lua | dsp-bodies APPLY.lua CONFIRM.lua COUNT BATCH | wf-request CLIENT_KEY.pem FILE.lua | risk-queries FILE.lua TOP MONTHS | relay LISTEN_PORT HOST PORT DELAY_US | relay-probe DIRECT RELAYED [COUNT] | write-designs CONNECTION lane|rows|pipelined WRITERS SECONDS");
    return 2;
}
