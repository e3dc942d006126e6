using PayHub.Bench;

// bench helpers: `ceiling --urls URL` serves the fixed-GBK-body baseline; `sm4-bodies FILE` writes the wrk Lua tables.
return args.FirstOrDefault() switch
{
    "ceiling" => await Ceiling.RunAsync(args[1..]),
    "sm4-bodies" => Sm4Bodies.Write(args[1]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PayHub.Bench ceiling --urls http://127.0.0.1:PORT | sm4-bodies FILE.lua");
    return 2;
}
