// A minimal API handler binds X-Real-IP to a parameter and rate-limits votes on it.
using Microsoft.AspNetCore.Mvc;

public static class PollEndpoints
{
    private static readonly HashSet<string> Voters = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/poll/{id}", (int id, [{|CIP0002:FromHeader(Name = "X-Real-IP")|}] string? voterIp) =>
            Voters.Add($"{id}:{voterIp}") ? Results.Ok() : Results.Conflict());
    }
}
