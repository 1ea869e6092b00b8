using System;
using ClientIp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;

// The library's code under test, with a request from 203.0.113.7 through a proxy on the same host.
var context = new DefaultHttpContext().SetForwardedByLocalProxy("203.0.113.7");
Console.WriteLine($"client={Library.ClientAddress.Of(context)}");

// A harness that replays recorded traffic and so trusts every proxy: a mistake in an app, noise in a test project.
var options = new ForwardedHeadersOptions();
options.KnownIPNetworks.Clear(); // expect-when-enabled: CIP0004
options.KnownProxies.Clear();
Console.WriteLine($"trusted={options.KnownProxies.Count + options.KnownIPNetworks.Count}");
