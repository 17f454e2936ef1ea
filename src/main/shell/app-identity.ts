/**
 * Who the app is to the OS. APP_ID is electron-builder's appId (electron-builder.yml): the NSIS
 * installer puts it on the Start-menu shortcut as the AppUserModelID, and Windows shows a toast
 * under the name of the shortcut whose ID the sender sets, so main, node-notifier's toaster and
 * the installer must agree on it.
 */
export const APP_ID = 'com.warmline.desktop';
export const PRODUCT_NAME = 'Warmline';
