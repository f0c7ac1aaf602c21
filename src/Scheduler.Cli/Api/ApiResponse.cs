using System.Text.Json;

namespace Scheduler.Cli.Api;

/// <summary>What the service answered: its status code and its JSON body (null when it sent none, or no JSON).</summary>
public sealed record ApiResponse(int Status, JsonElement? Body, string Text)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
