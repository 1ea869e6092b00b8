namespace ClientIp.Analyzers.Tests.Cases;

/// <summary>What every web case starts with, so the cases themselves show only the code that matters.</summary>
internal static class CaseSources
{
    public const string WebUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.Features;
        using Microsoft.AspNetCore.HttpOverrides;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.SignalR;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Primitives;

        """;

    /// <summary>
    /// A minimal stand-in for classic ASP.NET's request (System.Web cannot be referenced from .NET): same metadata
    /// names and member shapes, which is all the analyzers look at.
    /// </summary>
    public const string SystemWebStub = """

        namespace System.Web
        {
            public class HttpRequest
            {
                public System.Collections.Specialized.NameValueCollection Headers { get; } = new();
                public System.Collections.Specialized.NameValueCollection ServerVariables { get; } = new();
                public string UserHostAddress { get; } = "";
            }
        }
        """;

    /// <summary>A minimal stand-in for Grpc.Core (not part of the shared framework), matched by metadata name.</summary>
    public const string GrpcStub = """

        namespace Grpc.Core
        {
            public abstract class ServerCallContext { }

            public static class ServerCallContextExtensions
            {
                public static Microsoft.AspNetCore.Http.HttpContext GetHttpContext(this ServerCallContext context) => null!;
            }
        }
        """;

    public static string Web(string code) => WebUsings + code;
}
