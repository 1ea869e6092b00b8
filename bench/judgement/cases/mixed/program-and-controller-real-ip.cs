// file: Program.cs
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
var app = builder.Build();
app.MapControllers();
app.Run();

// file: FormsController.cs
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("forms")]
public class FormsController : ControllerBase
{
    private static readonly ConcurrentDictionary<string, int> Submissions = new();

    [HttpPost("{formId}")]
    public IActionResult Submit(string formId)
    {
        var ip = {|CIP0002:Request.Headers["X-Real-IP"]|}.ToString();
        var key = $"{formId}:{ip}";
        if (Submissions.AddOrUpdate(key, 1, (_, n) => n + 1) > 3)
        {
            return StatusCode(429);
        }

        return Ok();
    }
}
