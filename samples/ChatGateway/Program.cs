using ChatGateway;

// A tiny chat gateway: `dotnet run -- <model> <prompt>` routes the prompt to the provider serving the model.
if (args.Length < 2)
{
    Console.WriteLine("usage: ChatGateway <model> <prompt>");
    Console.WriteLine("routes: " + string.Join(", ", ProviderRoute.All.Select(r => $"{r.ModelPrefix}* -> {r.Name} (key in {r.KeyVariable})")));
    return 0;
}

var router = new ChatRouter(Environment.GetEnvironmentVariable);
try
{
    Console.WriteLine(await router.CompleteAsync(args[0], string.Join(' ', args.Skip(1)), CancellationToken.None));
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
