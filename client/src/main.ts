// First, before any module that builds or runs a zod schema.
import './csp.ts';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter } from './router.ts';
// The CJK font ships with the page (sliced by unicode-range, only the slices in use load): kiosk PCs on
// a government intranet may have no Chinese font of their own and no internet to fetch one.
import '@fontsource-variable/noto-sans-sc';
import './styles/base.css';

createApp(App).use(createPinia()).use(makeRouter()).mount('#app');
