using PayHub.Bench;

// bench helpers: `ceiling --urls URL` serves the fixed-GBK-body baseline; `sm4-bodies FILE` and `dsp-bodies APPLY CONFIRM COUNT BATCH` and `wf-request KEY.pem FILE` write the wrk Lua tables.
return args.FirstOrDefault() switch
{
    "ceiling" => await Ceiling.RunAsync(args[1..]),
    "sm4-bodies" => Sm4Bodies.Write(args[1]),
    "wf-request" => GlobalRequest.Write(args[1], args[2]),
    "dsp-bodies" => DspBodies.Write(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PayHub.Bench ceiling --urls http://127.0.0.1:PORT | sm4-bodies FILE.lua | dsp-bodies APPLY.lua CONFIRM.lua COUNT BATCH | wf-request CLIENT_KEY.pem FILE.lua");
    return 2;
}
