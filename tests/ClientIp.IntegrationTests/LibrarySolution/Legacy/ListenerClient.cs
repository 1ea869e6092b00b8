using System.Net;

namespace Legacy
{
    public static class ListenerClient
    {
        public static IPEndPoint Of(HttpListenerContext context) => context.Request.RemoteEndPoint; // expect: CIP0001
    }
}
