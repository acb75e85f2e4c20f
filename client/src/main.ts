// First, before any module that builds or runs a zod schema.
import './csp.ts';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { stripTokenFromAddress } from './access/credential.ts';
import { useApi } from './api/http.ts';
import { pageParams } from './params.ts';
import { makeRouter } from './router.ts';
// The CJK font ships with the page (sliced by unicode-range, only the slices in use load): kiosk PCs on
// a government intranet may have no Chinese font of their own and no internet to fetch one.
import '@fontsource-variable/noto-sans-sc';
import './styles/base.css';

// A token in the address: read once (this page load keeps it in memory), taken out of the address
// bar before anything else runs, and exchanged for the browser's session cookie, so a reload, a
// bookmark or a screenshot carries no secret.
const { token } = pageParams();
if (token && stripTokenFromAddress()) {
  useApi()
    .signIn(token)
    .catch(() => undefined);
}

createApp(App).use(createPinia()).use(makeRouter()).mount('#app');
