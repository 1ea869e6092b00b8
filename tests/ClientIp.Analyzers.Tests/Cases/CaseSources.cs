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

    /// <summary>
    /// A minimal stand-in for Grpc.Core.Api (not part of the shared framework), matched by metadata name: the call
    /// context's peer and request metadata, and the metadata lookups of Grpc.Core.Api 2.x.
    /// </summary>
    public const string GrpcStub = """

        namespace Grpc.Core
        {
            public abstract class ServerCallContext
            {
                public string Peer => PeerCore;
                public Metadata RequestHeaders => RequestHeadersCore;
                public Metadata ResponseTrailers => ResponseTrailersCore;
                protected abstract string PeerCore { get; }
                protected abstract Metadata RequestHeadersCore { get; }
                protected abstract Metadata ResponseTrailersCore { get; }
            }

            public sealed class Metadata : System.Collections.Generic.List<Metadata.Entry>
            {
                public sealed class Entry
                {
                    public Entry(string key, string value) { Key = key; Value = value; }
                    public string Key { get; }
                    public string Value { get; }
                }

                public void Add(string key, string value) => Add(new Entry(key, value));
                public Entry? Get(string key) => null;
                public string? GetValue(string key) => null;
                public System.Collections.Generic.IEnumerable<Entry> GetAll(string key) => this;
            }

            public static class ServerCallContextExtensions
            {
                public static Microsoft.AspNetCore.Http.HttpContext GetHttpContext(this ServerCallContext context) => null!;
            }
        }
        """;

    /// <summary>
    /// A minimal stand-in for Microsoft.AspNetCore.HeaderParsing (not served by the package source), matched by metadata
    /// name: header setups, the registry that turns them into keys, and the typed reads.
    /// </summary>
    public const string HeaderParsingStub = """

        namespace Microsoft.AspNetCore.HeaderParsing
        {
            public sealed class HeaderSetup<T> where T : notnull
            {
                public HeaderSetup(string headerName) => HeaderName = headerName;
                public string HeaderName { get; }
            }

            public sealed class HeaderKey<T> where T : notnull { }

            public interface IHeaderRegistry
            {
                HeaderKey<T> Register<T>(HeaderSetup<T> setup) where T : notnull;
            }

            public static class CommonHeaders
            {
                public static HeaderSetup<System.Collections.Generic.IReadOnlyList<System.Net.IPAddress>> XForwardedFor => new("X-Forwarded-For");
                public static HeaderSetup<System.Collections.Generic.IReadOnlyList<string>> AcceptLanguage => new("Accept-Language");
            }

            public sealed class HeaderParsingFeature
            {
                public bool TryGetHeaderValue<T>(HeaderKey<T> header, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) where T : notnull
                {
                    value = default;
                    return false;
                }
            }
        }

        namespace Microsoft.AspNetCore.Http
        {
            public static class HeaderParsingHttpRequestExtensions
            {
                public static bool TryGetHeaderValue<T>(this HttpRequest request, Microsoft.AspNetCore.HeaderParsing.HeaderKey<T> header,
                    [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) where T : notnull
                {
                    value = default;
                    return false;
                }
            }
        }
        """;

    /// <summary>
    /// Minimal stand-ins for the assertion APIs of xunit, NUnit, MSTest, FluentAssertions and Shouldly, matched by
    /// namespace like the real ones (a test project compiles app code and its tests together).
    /// </summary>
    public const string AssertionStubs = """

        namespace Xunit
        {
            public static class Assert
            {
                public static void Equal<T>(T expected, T actual) { }
                public static void True(bool condition) { }
            }
        }

        namespace NUnit.Framework
        {
            public static class Assert { public static void That<T>(T actual, object constraint) { } }
            public static class Is { public static object EqualTo(object? expected) => expected!; }
        }

        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            public static class Assert { public static void AreEqual<T>(T expected, T actual) { } }
        }

        namespace FluentAssertions
        {
            public sealed class ObjectAssertions { public void Be(object? expected) { } }
            public static class AssertionExtensions { public static ObjectAssertions Should(this object? actual) => new(); }
        }

        namespace Shouldly
        {
            public static class ShouldBeTestExtensions { public static void ShouldBe<T>(this T actual, T expected) { } }
        }
        """;

    public static string Web(string code) => WebUsings + code;
}
