// The story's app: a file is deleted once the address that uploaded it has downloaded it.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("files")]
public class FilesController : ControllerBase
{
    private static readonly ConcurrentDictionary<Guid, string> Uploaders = new();

    [HttpPost]
    public IActionResult Upload(IFormFile file)
    {
        var id = Guid.NewGuid();
        Uploaders[id] = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}!.ToString();
        return Ok(id);
    }

    [HttpGet("{id}")]
    public IActionResult Download(Guid id)
    {
        var caller = {|CIP0001:HttpContext.Connection.RemoteIpAddress|}?.ToString();
        if (Uploaders.TryGetValue(id, out var uploader) && uploader == caller)
        {
            Uploaders.TryRemove(id, out _);
        }

        return Ok();
    }
}
