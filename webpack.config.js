/* eslint-disable */
// The task pane build, in the shape of the official React task-pane template
// (OfficeDev/Office-Addin-TaskPane-React), with swc instead of babel and Office.js bundled
// locally: government intranets cannot reach Microsoft's CDN.
//
//   npm run build                    production build in dist/ (manifest URLs from ADDIN_URL)
//   ADDIN_URL=https://host/path/ npm run build
//   OFFICE_JS=cdn npm run build      load office.js from Microsoft's CDN instead (internet deployments)
//   npm run dev-server               https://localhost:3000 for sideloading
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function productionUrl() {
  const url = process.env.ADDIN_URL;
  if (!url) return 'https://localhost:3000/';
  if (!/^https:\/\//.test(url))
    throw new Error(`ADDIN_URL must be an https:// address (Office requires it), got ${url}`);
  return url.endsWith('/') ? url : `${url}/`;
}

module.exports = async (_env, argv) => {
  const dev = argv.mode !== 'production';
  const cdn = process.env.OFFICE_JS === 'cdn';
  const preview = process.env.YILAO_PREVIEW === '1';
  const url = dev ? DEV_URL : productionUrl();
  if (!dev && !process.env.ADDIN_URL) {
    console.warn('[yilao] ADDIN_URL is not set: dist/manifest.xml points at https://localhost:3000/.');
  }
  // Only this origin; styles are inlined by Fluent UI's CSS-in-JS (Griffel).
  const scriptSources = cdn ? `'self' https://appsforoffice.microsoft.com` : `'self'`;
  const csp = [
    `default-src 'self'`,
    `script-src ${scriptSources}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `frame-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
  ].join('; ');

  const copies = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    { from: 'src/help/help.html', to: 'help.html' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => (dev ? content : content.toString().replaceAll(DEV_URL, url)),
    },
  ];
  if (!cdn && !preview) {
    // A copy refreshed from the CDN (npm run office-js:update) wins over the npm package's.
    const vendored = path.join(__dirname, 'vendor', 'office-js');
    copies.push({
      from: require('node:fs').existsSync(path.join(vendored, 'office.js'))
        ? vendored
        : 'node_modules/@microsoft/office-js/dist',
      to: 'office-js',
      globOptions: { ignore: ['**/*.debug.js'] },
      // Already minified by Microsoft: do not run them through the minimizer again.
      info: { minimized: true },
    });
  }

  const config = {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: preview ? { preview: './test/preview/preview.tsx' } : { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, preview ? 'dist-preview' : 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                target: 'es2020',
              },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: preview ? 'index.html' : 'taskpane.html',
        template: preview ? './test/preview/preview.html' : './src/taskpane/taskpane.html',
        chunks: preview ? ['preview'] : ['taskpane'],
        officeJs: cdn ? CDN_OFFICE_JS : 'office-js/office.js',
        csp,
      }),
      new CopyWebpackPlugin({ patterns: preview ? copies.slice(0, 1) : copies }),
      // The bundled Office.js's version, for the 诊断 panel.
      new webpack.DefinePlugin({
        __OFFICE_JS_VERSION__: JSON.stringify(require('@microsoft/office-js/package.json').version),
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      // Sideloading needs only this machine: never listen on the office network, and no
      // cross-origin readers (Office loads the pane from this origin itself).
      host: 'localhost',
      allowedHosts: ['localhost'],
      static: false,
    },
  };
  if (dev && !preview && process.env.YILAO_HTTP !== '1') {
    // Trusted localhost certificates for sideloading, as the official template does.
    const devCerts = require('office-addin-dev-certs');
    config.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  return config;
};
